// Reads a stored PES Aller once, as a stream: ISO-8859-1 required (declared, and no C1 control characters that
// betray UTF-8 or Windows-1252 bytes), no DTD, well-formed, then every check of PesChecker, PJ contents decoded
// within their budget. Memory stays bounded: the file is never held whole.
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { issue, type CheckIssue } from '../domain/check-issue.ts';
import { PesChecker, type PesCheckResult } from '../domain/pes-checker.ts';
import { decodePjContent } from './pj-content.ts';

export interface PesFileCheckOptions {
  sirets: readonly string[];
  /** Largest original size of one PJ once decompressed. */
  pjBudgetBytes: number;
  /** Largest total of all PJs once decompressed. */
  totalPjBudgetBytes: number;
  /** The hub signs the unsigned bordereaux itself (the ordonnateur asked): their signatures are not required yet. */
  hubSigns?: boolean;
}

/** A refusal of the whole file before any element could be checked. */
export type FileLevelRefusal = 'PES_NOT_ISO_8859_1' | 'PES_DTD_FORBIDDEN' | 'PES_NOT_WELL_FORMED';

/** Byte offsets where the hub may insert elements without disturbing the rest (Latin-1: one byte a character). */
export interface InsertionPoints {
  /** After the last child of each InfoLignePce, in the order of the mandate lines: where a PJRef goes. */
  lines: number[];
  /** After the last PJ of PES_PJ, when the file has one. */
  pesPj?: number;
  /** After the last child of the root that is not its global signature: where a new PES_PJ goes. */
  root?: number;
  /** After the last Piece of each bordereau, in file order: where its signature goes. */
  bordereauEnds: number[];
}

export interface PesFileCheck extends PesCheckResult {
  fileRefusal?: FileLevelRefusal;
  insertions: InsertionPoints;
  /** Decompressed size of all PJs. */
  pjBytes: number;
}

const XML_DECL = /^<\?xml\s[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/;
const ISO_NAMES = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'iso_8859-1', 'l1']);
const PENDING_PJ_LIMIT = 8;
const HEAD_BYTES = 256;

export async function checkPesStream(source: Readable, options: PesFileCheckOptions): Promise<PesFileCheck> {
  const pending = new Set<Promise<void>>();
  let pjBytes = 0;
  const checker = new PesChecker({
    sirets: options.sirets,
    hubSigns: options.hubSigns === true,
    onPjContent: (pj, base64, place) => {
      const job = decodePjContent(base64, options.pjBudgetBytes).then((outcome) => {
        if (outcome.ok) {
          pjBytes += outcome.size;
          if (pjBytes > options.totalPjBudgetBytes)
            checker.report(
              issue(
                'ERREUR_PJ',
                place,
                `porte le total décompressé des PJ au-delà de ${mib(options.totalPjBudgetBytes)} : refusé`,
              ),
            );
          return;
        }
        const why = {
          base64: "n'est pas un contenu base64 valide",
          gzip: "n'est pas un contenu gzip valide (le fichier doit être compressé en gzip puis encodé en base64)",
          empty: 'est vide une fois décompressé : une PJ sans contenu est rejetée',
          budget: `dépasse ${mib(options.pjBudgetBytes)} une fois décompressé (bombe de décompression ?) : refusée`,
        }[outcome.reason];
        checker.report(issue('ERREUR_PJ', place, why));
      });
      pending.add(job);
      void job.finally(() => pending.delete(job));
    },
  });
  const parser = new SaxesParser({ xmlns: true, position: true });
  let refusal: { kind: FileLevelRefusal; message: string } | undefined;
  parser.on('doctype', () => {
    refusal ??= {
      kind: 'PES_DTD_FORBIDDEN',
      message: 'Le fichier déclare une DTD (<!DOCTYPE …>) : refusé, un PES V2 ne doit pas en contenir.',
    };
  });
  parser.on('error', (error) => {
    refusal ??= { kind: 'PES_NOT_WELL_FORMED', message: `Le fichier n'est pas un XML bien formé : ${error.message}.` };
  });
  const insertions: InsertionPoints = { lines: [], bordereauEnds: [] };
  const positions: { local: string; lastChildEnd: number; openEnd: number }[] = [];
  const trackOpen = (local: string) => positions.push({ local, lastChildEnd: -1, openEnd: parser.position });
  const trackClose = () => {
    const frame = positions.pop();
    const parent = positions[positions.length - 1];
    if (!frame) return;
    const inner = frame.lastChildEnd >= 0 ? frame.lastChildEnd : frame.openEnd;
    if (frame.local === 'InfoLignePce') insertions.lines.push(inner);
    else if (frame.local === 'PES_PJ') insertions.pesPj = inner;
    else if (frame.local === 'Bordereau' && parent?.local === 'PES_DepenseAller') insertions.bordereauEnds.push(inner);
    if (!parent) return;
    parent.lastChildEnd = parser.position;
    if (positions.length === 1 && frame.local !== 'Signature') insertions.root = parser.position;
  };
  parser.on('opentag', (tag) => {
    if (refusal) return;
    trackOpen(tag.local);
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(tag.attributes))
      if (attribute.uri === '') attributes[attribute.local] = attribute.value;
    checker.open(tag.local, tag.uri, attributes);
    if (tag.isSelfClosing) {
      checker.close();
      trackClose();
    }
  });
  parser.on('closetag', (tag) => {
    if (refusal || tag.isSelfClosing) return;
    checker.close();
    trackClose();
  });
  parser.on('text', (text) => {
    if (!refusal) checker.text(text);
  });

  // The declaration is checked on the first bytes, gathered until it is complete (chunks may be tiny).
  let head: Buffer | undefined = Buffer.alloc(0);
  let offset = 0;
  const feed = (chunk: Buffer): void => {
    const c1 = chunk.findIndex((byte) => byte >= 0x80 && byte <= 0x9f);
    if (c1 !== -1) {
      refusal = {
        kind: 'PES_NOT_ISO_8859_1',
        message: `L'octet 0x${chunk[c1]?.toString(16)} à la position ${offset + c1} n'est pas un caractère ISO-8859-1 imprimable : le fichier semble encodé en UTF-8 ou Windows-1252. Un PES doit être en ISO-8859-1.`,
      };
      return;
    }
    offset += chunk.length;
    // Latin-1 is one byte per character: chunk boundaries never split one.
    parser.write(chunk.toString('latin1'));
  };
  const checkHead = (bytes: Buffer): void => {
    head = undefined;
    const declared = encodingOf(bytes);
    if (!declared.ok) refusal = { kind: 'PES_NOT_ISO_8859_1', message: declared.message };
    else feed(bytes);
  };
  for await (const chunk of source as AsyncIterable<Buffer>) {
    if (head) {
      head = Buffer.concat([head, chunk]);
      if (head.length >= HEAD_BYTES || head.includes('?>')) checkHead(head);
    } else if (!refusal) feed(chunk);
    if (refusal) {
      source.destroy();
      break;
    }
    if (pending.size >= PENDING_PJ_LIMIT) await Promise.race(pending);
  }
  if (head && head.length > 0) checkHead(head);
  if (!refusal && offset === 0) refusal = { kind: 'PES_NOT_WELL_FORMED', message: 'Le fichier est vide.' };
  if (!refusal) parser.close();
  await Promise.all(pending);
  const result = checker.result();
  if (refusal) {
    const code = refusal.kind === 'PES_NOT_ISO_8859_1' ? 'ERREUR_ENCODING' : 'ERREUR_SCHEMA_INCOMPLET';
    const fileIssue: CheckIssue = { code, message: refusal.message, place: { element: 'PES_Aller' } };
    return { ...result, issues: [fileIssue], truncated: false, fileRefusal: refusal.kind, pjBytes, insertions };
  }
  return { ...result, pjBytes, insertions };
}

function encodingOf(first: Buffer): { ok: true } | { ok: false; message: string } {
  if (first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf)
    return {
      ok: false,
      message: "Le fichier commence par une marque d'ordre UTF-8 : un PES doit être encodé en ISO-8859-1.",
    };
  if ((first[0] === 0xfe && first[1] === 0xff) || (first[0] === 0xff && first[1] === 0xfe))
    return { ok: false, message: 'Le fichier est encodé en UTF-16 : un PES doit être encodé en ISO-8859-1.' };
  const declaration = XML_DECL.exec(first.subarray(0, 200).toString('latin1'));
  if (!declaration)
    return {
      ok: false,
      message:
        'La déclaration XML doit annoncer l\'encodage : <?xml version="1.0" encoding="ISO-8859-1"?> (sans elle, le fichier serait lu en UTF-8).',
    };
  const name = (declaration[1] ?? '').toLowerCase();
  if (!ISO_NAMES.has(name))
    return {
      ok: false,
      message: `Le fichier déclare l'encodage ${declaration[1]} : un PES doit être encodé en ISO-8859-1.`,
    };
  return { ok: true };
}

const mib = (bytes: number): string => `${Math.round(bytes / (1024 * 1024))} Mio`;
