// Runs the qpdf and poppler-utils command-line tools on generated PDFs (tests only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const available = new Map<string, boolean>();

/** True when the binary is on PATH. */
export function hasTool(name: string): boolean {
  let found = available.get(name);
  if (found === undefined) {
    found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).status === 0;
    available.set(name, found);
  }
  return found;
}

/** Stops the test file at once, naming the Debian package, when a tool it needs is missing (never a silent skip). */
export function requireTools(names: readonly string[], packages: string): void {
  const missing = names.filter((n) => !hasTool(n));
  if (missing.length > 0) {
    throw new Error(
      `${missing.join(', ')} introuvable(s) : installer le paquet Debian ${packages} (npm test l'installe quand il tourne en root)`,
    );
  }
}

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Writes the PDF to a temporary file and runs `tool args... file after...`. */
export function runOnPdf(
  tool: string,
  args: readonly string[],
  pdf: Uint8Array,
  after: readonly string[] = [],
): ToolResult {
  const dir = mkdtempSync(join(tmpdir(), 'hub-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    writeFileSync(file, pdf);
    const result = spawnSync(tool, [...args, file, ...after], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The bytes of embedded file number `index` (1-based), as pdfdetach saves them. */
export function detachWithPoppler(pdf: Uint8Array, index = 1): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'hub-pdf-'));
  try {
    const file = join(dir, 'doc.pdf');
    const out = join(dir, 'attachment');
    writeFileSync(file, pdf);
    const result = spawnSync('pdfdetach', ['-save', String(index), '-o', out, file], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`pdfdetach failed: ${result.stderr}`);
    return readFileSync(out);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
