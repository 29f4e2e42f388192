// Where a bulk import takes its invoices from: a folder (walked recursively) or a ZIP archive.
// Only .xml and .pdf files count; hidden files and macOS resource forks are left out.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { openZip, ZipError } from './zip-reader.ts';

export interface SourceFile {
  /** Path shown to the user and stored as the deposit's file name: relative to the folder, or inside the archive. */
  name: string;
  size: number;
  read(): Promise<Uint8Array>;
  /** Refused without being read (an archive entry whose path leaves the archive). */
  refusal?: { code: string; message: string };
}

export interface InvoiceSource {
  kind: 'folder' | 'zip';
  files: SourceFile[];
  /** Files left out because they are neither .xml nor .pdf. */
  ignored: number;
  close(): Promise<void>;
}

/** The path is neither a readable folder nor a readable ZIP archive. */
export class SourceError extends Error {
  override readonly name = 'SourceError';
}

const INVOICE_EXTENSION = /\.(xml|pdf)$/i;
const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
const hidden = (segment: string) => segment.startsWith('.') || segment === '__MACOSX';
/** `../x.xml`, `a/../../x.xml`, `/etc/x.xml`, `C:\\x.xml`: a path that would point outside the archive. */
const escapesArchive = (name: string): boolean =>
  name.startsWith('/') || /^[A-Za-z]:/.test(name) || name.split(/[/\\]/).includes('..');

export async function openInvoiceSource(path: string): Promise<InvoiceSource> {
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SourceError(
      code === 'ENOENT' ? `« ${path} » n’existe pas.` : `Impossible de lire « ${path} » : ${(error as Error).message}`,
    );
  }
  if (info.isDirectory()) return folderSource(path);
  if (info.isFile()) return zipSource(path);
  throw new SourceError(`« ${path} » n’est ni un dossier ni une archive ZIP.`);
}

async function folderSource(root: string): Promise<InvoiceSource> {
  const files: SourceFile[] = [];
  let ignored = 0;
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (hidden(entry.name)) continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && INVOICE_EXTENSION.test(entry.name)) {
        const { size } = await stat(path);
        files.push({ name: relative(root, path).split(sep).join('/'), size, read: () => readFile(path) });
      } else if (entry.isFile()) ignored++;
    }
  }
  await walk(root);
  return { kind: 'folder', files: files.sort(byName), ignored, close: async () => {} };
}

async function zipSource(path: string): Promise<InvoiceSource> {
  let archive;
  try {
    archive = await openZip(path);
  } catch (error) {
    if (error instanceof ZipError)
      throw new SourceError(`« ${path} » n’est ni un dossier ni une archive ZIP lisible : ${error.message}.`);
    throw error;
  }
  const files: SourceFile[] = [];
  let ignored = 0;
  for (const entry of archive.entries) {
    if (escapesArchive(entry.name)) {
      // Counted, never skipped in silence: the person importing learns that the archive held such a path.
      files.push({
        name: entry.name,
        size: entry.size,
        read: () => Promise.reject(new ZipError('chemin refusé')),
        refusal: {
          code: 'UNSAFE_PATH',
          message:
            'Chemin refusé : une entrée d’archive ne peut pas remonter hors de l’archive (« .. ») ni être absolue.',
        },
      });
      continue;
    }
    if (entry.name.endsWith('/') || entry.name.split('/').some(hidden)) continue;
    if (!INVOICE_EXTENSION.test(entry.name)) {
      ignored++;
      continue;
    }
    files.push({ name: entry.name, size: entry.size, read: () => archive.read(entry) });
  }
  return { kind: 'zip', files: files.sort(byName), ignored, close: () => archive.close() };
}
