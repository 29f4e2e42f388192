// The TrueType fonts embedded in every generated PDF (PDF/A forbids the non-embedded standard fonts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export const FONT_REGULAR = 'DejaVuSans';
export const FONT_BOLD = 'DejaVuSans-Bold';

const require = createRequire(import.meta.url);
const cache = new Map<string, Buffer>();

/** The bytes of a DejaVu font shipped by the dejavu-fonts-ttf package (read once). */
export function fontBytes(name: typeof FONT_REGULAR | typeof FONT_BOLD): Buffer {
  let bytes = cache.get(name);
  if (!bytes) {
    bytes = readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${name}.ttf`));
    cache.set(name, bytes);
  }
  return bytes;
}
