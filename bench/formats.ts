// Benchmark of the formats library on one core: read + validate throughput over the corpus
// (beside a bare fast-xml-parser parse of the same bytes), a typical ≈20 KB invoice, and a
// 20,000-line invoice (validation time, peak memory). Prints numbers; asserts nothing.
//
//   npx tsx bench/formats.ts [--seconds N]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { writeCii } from '../formats/cii/write.ts';
import { extractFacturX } from '../formats/facturx/extract.ts';
import { readInvoice, validate } from '../formats/index.ts';
import { sampleInvoice } from '../formats/pdf/testing/sample-invoice.ts';

const SELF = fileURLToPath(import.meta.url);
const CORPUS = fileURLToPath(new URL('../../shared/corpus/', import.meta.url));
const secondsArg = process.argv.indexOf('--seconds');
const SECONDS = secondsArg > 0 ? Number(process.argv[secondsArg + 1]) : 3;

interface Sample {
  name: string;
  bytes: Uint8Array;
  /** The XML to give fast-xml-parser (for a PDF: its embedded XML). */
  xml: Uint8Array;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('fr-FR', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs `work` repeatedly for at least `seconds` (after one warm-up pass); returns passes per second. */
async function timeLoop(
  seconds: number,
  work: () => Promise<void> | void,
): Promise<{ passes: number; perSecond: number }> {
  await work();
  const start = performance.now();
  let passes = 0;
  while (performance.now() - start < seconds * 1000) {
    await work();
    passes++;
  }
  const elapsed = (performance.now() - start) / 1000;
  return { passes, perSecond: passes / elapsed };
}

async function readAndValidate(bytes: Uint8Array): Promise<void> {
  try {
    const read = await readInvoice(bytes);
    validate(read, { profile: 'en16931' });
  } catch {
    // Unreadable documents count as processed: refusing them is part of the job.
  }
}

async function loadCorpus(): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const kind of ['ubl', 'cii', 'facturx']) {
    const root = join(CORPUS, kind);
    for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' }).sort()) {
      if (!/\.(xml|pdf)$/i.test(file)) continue;
      const bytes = readFileSync(join(root, file));
      let xml: Uint8Array = bytes;
      if (kind === 'facturx') {
        try {
          xml = (await extractFacturX(bytes)).xml;
        } catch {
          continue; // ZUGFeRD 1.0: no XML to compare with
        }
      }
      samples.push({ name: `${kind}/${file}`, bytes, xml });
    }
  }
  return samples;
}

async function corpusBench(): Promise<void> {
  if (!existsSync(CORPUS)) {
    console.log(`Corpus absent (${CORPUS}) : mesure sur le corpus sautée.`);
    return;
  }
  const samples = await loadCorpus();
  const groups = [
    ['XML (UBL + CII)', samples.filter((s) => !s.name.startsWith('facturx/'))],
    ['Factur-X (PDF)', samples.filter((s) => s.name.startsWith('facturx/'))],
    ['tout le corpus', samples],
  ] as const;
  const parser = new XMLParser({ ignoreAttributes: false });
  console.log('\n## Corpus : lecture + validation (profil en16931) vs analyse XML brute (fast-xml-parser)');
  for (const [label, group] of groups) {
    const inputBytes = group.reduce((s, x) => s + x.bytes.length, 0);
    const xmlBytes = group.reduce((s, x) => s + x.xml.length, 0);
    const ours = await timeLoop(SECONDS, async () => {
      for (const s of group) await readAndValidate(s.bytes);
    });
    const bare = await timeLoop(SECONDS, () => {
      for (const s of group) parser.parse(Buffer.from(s.xml.buffer, s.xml.byteOffset, s.xml.length).toString('utf8'));
    });
    const oursPerDoc = 1000 / (ours.perSecond * group.length);
    const barePerDoc = 1000 / (bare.perSecond * group.length);
    console.log(
      `${label} : ${group.length} documents, ${mb(inputBytes)} Mo (XML ${mb(xmlBytes)} Mo)\n` +
        `  lecture+validation : ${fmt(ours.perSecond * group.length)} factures/s, ${fmt((ours.perSecond * inputBytes) / 1024 / 1024, 1)} Mo/s, ${fmt(oursPerDoc, 2)} ms/facture\n` +
        `  fast-xml-parser seul : ${fmt(bare.perSecond * group.length)} documents/s, ${fmt((bare.perSecond * xmlBytes) / 1024 / 1024, 1)} Mo/s, ${fmt(barePerDoc, 2)} ms/document\n` +
        `  rapport (lecture+validation / analyse brute) : ${fmt(oursPerDoc / barePerDoc, 1)}×`,
    );
  }
}

function typicalInvoiceXml(): Uint8Array {
  // About 20 KB of CII: grow the number of lines until the document reaches that size.
  let lines = 5;
  let xml = writeCii(sampleInvoice({ lines }));
  while (Buffer.byteLength(xml) < 20_000 && lines < 200) xml = writeCii(sampleInvoice({ lines: ++lines }));
  return Buffer.from(xml, 'utf8');
}

async function typicalBench(): Promise<void> {
  const xml = typicalInvoiceXml();
  const result = await timeLoop(SECONDS, () => readAndValidate(xml));
  const read = await readInvoice(xml);
  console.log(
    `\n## Facture type générée (CII, ${fmt(xml.length / 1024, 1)} Ko, ${read.invoice.lines.length} lignes)\n` +
      `  lecture+validation : ${fmt(result.perSecond)} factures/s (${fmt(1000 / result.perSecond, 2)} ms/facture)`,
  );
}

/** Runs in a child process so that its peak memory is its own. */
async function bigInvoiceChild(): Promise<void> {
  const xml = Buffer.from(writeCii(sampleInvoice({ lines: 20_000 })), 'utf8');
  if (global.gc) global.gc();
  const baseline = process.memoryUsage();
  let peakHeap = baseline.heapUsed;
  let peakRss = baseline.rss;
  const sample = (): void => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  const t0 = performance.now();
  const read = await readInvoice(xml);
  const t1 = performance.now();
  sample();
  const violations = validate(read, { profile: 'en16931' });
  const t2 = performance.now();
  sample();
  const frViolations = validate(read, { profile: 'fr' });
  const t3 = performance.now();
  sample();
  console.log(
    JSON.stringify({
      bytes: xml.length,
      lines: read.invoice.lines.length,
      readMs: t1 - t0,
      validateMs: t2 - t1,
      validateFrMs: t3 - t2,
      violations: violations.length,
      frViolations: frViolations.length,
      baselineHeap: baseline.heapUsed,
      peakHeap,
      peakRssSampled: peakRss,
      maxRss: process.resourceUsage().maxRSS * 1024,
    }),
  );
}

function bigBench(): void {
  const child = spawnSync(process.execPath, [...process.execArgv, '--expose-gc', SELF, '--big-child'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = child.stdout.trim().split('\n').pop() ?? '';
  if (child.status !== 0 || !line.startsWith('{')) {
    console.log(`\n## Facture de 20 000 lignes : échec du processus de mesure\n${child.stderr}`);
    return;
  }
  const r = JSON.parse(line) as Record<string, number>;
  console.log(
    `\n## Facture générée de 20 000 lignes (CII, ${mb(r['bytes']!)} Mo, ${r['lines']} lignes, processus séparé)\n` +
      `  lecture : ${fmt(r['readMs']!)} ms\n` +
      `  validation en16931 : ${fmt(r['validateMs']!)} ms (${r['violations']} constats)\n` +
      `  validation fr : ${fmt(r['validateFrMs']!)} ms (${r['frViolations']} constats)\n` +
      `  tas : ${mb(r['baselineHeap']!)} Mo au départ (XML compris), pic mesuré ${mb(r['peakHeap']!)} Mo\n` +
      `  RSS : pic mesuré ${mb(r['peakRssSampled']!)} Mo, maximum du processus ${mb(r['maxRss']!)} Mo`,
  );
}

async function main(): Promise<void> {
  if (process.argv.includes('--big-child')) {
    await bigInvoiceChild();
    return;
  }
  console.log(
    `# Bibliothèque formats — Node ${process.version}, un seul cœur (fil d'exécution unique), ${SECONDS} s par mesure`,
  );
  await corpusBench();
  await typicalBench();
  bigBench();
}

await main();
