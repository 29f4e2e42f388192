// Document-level embedded files: the EmbeddedFiles name tree of the catalog
// (ISO 32000-1 §7.7.4, §7.11.4) and the associated-files array /AF (ISO 32000-2 §14.13, PDF/A-3).
import { PDFName, type PDFContext, type PDFDict, type PDFObject, type PDFRawStream } from 'pdf-lib';
import { arrayOf, dictOf, get, nameOf, streamOf, textOf } from './objects.ts';

export interface EmbeddedFile {
  /** File name: /UF, else /F, else the name-tree key. */
  filename: string;
  /** The embedded file stream (still encoded). */
  stream: PDFRawStream;
  /** /AFRelationship of the file specification, when present. */
  relationship?: string;
  /** MIME type from the stream /Subtype, when present. */
  mimeType?: string;
}

const MAX_TREE_NODES = 10_000;
const MAX_TREE_DEPTH = 32;
const MAX_FILES = 1_000;

/** The catalog dictionary of a parsed document, if any. */
export function catalogOf(context: PDFContext): PDFDict | undefined {
  return dictOf(context, context.trailerInfo.Root);
}

/** All embedded files reachable from the catalog, without duplicates, bounded in number. */
export function listEmbeddedFiles(context: PDFContext): EmbeddedFile[] {
  const catalog = catalogOf(context);
  if (!catalog) return [];
  const specs: { spec: PDFObject | undefined; key?: string }[] = [];
  const names = dictOf(context, get(context, catalog, 'Names'));
  const tree = names ? dictOf(context, get(context, names, 'EmbeddedFiles')) : undefined;
  if (tree) collectNameTree(context, tree, specs);
  const af = arrayOf(context, get(context, catalog, 'AF'));
  if (af) {
    for (let i = 0; i < Math.min(af.size(), MAX_FILES); i++) specs.push({ spec: af.get(i) });
  }

  const files: EmbeddedFile[] = [];
  const seen = new Set<PDFObject>();
  for (const { spec, key } of specs) {
    const specDict = dictOf(context, spec);
    if (!specDict) continue;
    const file = toEmbeddedFile(context, specDict, key);
    if (!file || seen.has(file.stream)) continue;
    seen.add(file.stream);
    files.push(file);
    if (files.length >= MAX_FILES) break;
  }
  return files;
}

/** Iterative walk of a name tree: /Names [key value ...] in leaves, /Kids in intermediate nodes. */
function collectNameTree(
  context: PDFContext,
  root: PDFDict,
  out: { spec: PDFObject | undefined; key?: string }[],
): void {
  const visited = new Set<PDFObject>();
  const stack: { node: PDFDict; depth: number }[] = [{ node: root, depth: 0 }];
  let nodes = 0;
  while (stack.length > 0 && nodes < MAX_TREE_NODES && out.length < MAX_FILES) {
    const { node, depth } = stack.pop()!;
    if (visited.has(node)) continue;
    visited.add(node);
    nodes++;
    const entries = arrayOf(context, get(context, node, 'Names'));
    if (entries) {
      for (let i = 0; i + 1 < entries.size() && out.length < MAX_FILES; i += 2) {
        const key = textOf(context, entries.get(i));
        out.push(key === undefined ? { spec: entries.get(i + 1) } : { spec: entries.get(i + 1), key });
      }
    }
    const kids = arrayOf(context, get(context, node, 'Kids'));
    if (kids && depth < MAX_TREE_DEPTH) {
      // Pushed in reverse so that the walk keeps the tree order.
      for (let i = Math.min(kids.size(), MAX_TREE_NODES) - 1; i >= 0; i--) {
        const kid = dictOf(context, kids.get(i));
        if (kid) stack.push({ node: kid, depth: depth + 1 });
      }
    }
  }
}

function toEmbeddedFile(context: PDFContext, spec: PDFDict, key: string | undefined): EmbeddedFile | undefined {
  const ef = dictOf(context, get(context, spec, 'EF'));
  if (!ef) return undefined;
  const stream = streamOf(context, ef.get(PDFName.of('UF'))) ?? streamOf(context, ef.get(PDFName.of('F')));
  if (!stream) return undefined;
  const filename = textOf(context, get(context, spec, 'UF')) ?? textOf(context, get(context, spec, 'F')) ?? key ?? '';
  const file: EmbeddedFile = { filename: baseName(filename), stream };
  const relationship = nameOf(context, get(context, spec, 'AFRelationship'));
  if (relationship !== undefined) file.relationship = relationship;
  const subtype = nameOf(context, get(context, stream.dict, 'Subtype'));
  if (subtype !== undefined) file.mimeType = subtype;
  return file;
}

/** File specifications may carry a path; only the last component names the file. */
function baseName(name: string): string {
  const parts = name.split(/[\\/]/);
  return parts[parts.length - 1] ?? name;
}
