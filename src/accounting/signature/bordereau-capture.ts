// Follows a streamed PES Aller and hands over each Bordereau of PES_DepenseAller or PES_RecetteAller as a document
// of its own: re-serialised from the parser's events (the same canonical form, as exclusive c14n ignores quoting,
// attribute order and comments) with the namespaces in scope declared on it. Memory: one bordereau. The verifier
// and the signer share it; byte offsets (Latin-1: one byte a character) tell the signer where its signature goes.
import type { SaxesParser, SaxesTagNS } from 'saxes';

export interface CapturedBordereau {
  xml: string;
  domain: 'depense' | 'recette';
  idBord?: string;
  /** It already carries a ds:Signature as a child. */
  signed: boolean;
  /** Offset after its last child (after its opening tag when it has none): where an appended child goes. */
  innerEnd: number;
}

interface Capture {
  parts: string[];
  depth: number;
  domain: 'depense' | 'recette';
  idBord?: string;
  signed: boolean;
  innerEnd: number;
}

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');
const declaration = (prefix: string) => (prefix === '' ? 'xmlns' : `xmlns:${prefix}`);

/** Listens on `parser` (xmlns mode); `opening()` is the offset after the opening tag of the bordereau being read. */
export function captureBordereaux(
  parser: SaxesParser<{ xmlns: true; position: true }>,
  onBordereau: (bordereau: CapturedBordereau) => void,
): { opening: () => number | undefined } {
  const stack: string[] = [];
  // Namespace bindings in scope at each depth: a bordereau re-serialised alone must still declare its prefixes.
  const scopes: Record<string, string>[] = [{}];
  let capture: Capture | undefined;
  let opening: number | undefined;
  let inIdBord = false;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = stack[stack.length - 1];
    stack.push(tag.local);
    const inherited = scopes[scopes.length - 1] ?? {};
    scopes.push({ ...inherited, ...tag.ns });
    if (!capture && tag.local === 'Bordereau' && (parent === 'PES_DepenseAller' || parent === 'PES_RecetteAller')) {
      opening = parser.position;
      capture = {
        parts: [],
        depth: stack.length,
        domain: parent === 'PES_DepenseAller' ? 'depense' : 'recette',
        signed: false,
        innerEnd: parser.position,
      };
      const scope = Object.entries(inherited).filter(([prefix]) => tag.attributes[declaration(prefix)] === undefined);
      capture.parts.push(
        `<${tag.name}${scope.map(([prefix, uri]) => ` ${declaration(prefix)}="${escapeAttribute(uri)}"`).join('')}`,
      );
    } else if (capture) capture.parts.push(`<${tag.name}`);
    if (!capture) return;
    if (stack.length === capture.depth + 1 && tag.local === 'Signature') capture.signed = true;
    if (tag.local === 'IdBord' && stack[stack.length - 2] === 'BlocBordereau') {
      const v = tag.attributes['V'];
      if (v && typeof v !== 'string') capture.idBord = v.value;
      inIdBord = true;
    }
    for (const attribute of Object.values(tag.attributes))
      capture.parts.push(` ${attribute.name}="${escapeAttribute(attribute.value)}"`);
    capture.parts.push('>');
  });
  parser.on('text', (text) => {
    if (capture) capture.parts.push(escapeText(text));
    if (inIdBord && capture && !capture.idBord) capture.idBord = text.trim();
  });
  parser.on('closetag', (tag) => {
    inIdBord = false;
    stack.pop();
    scopes.pop();
    if (!capture) return;
    capture.parts.push(`</${tag.name}>`);
    if (stack.length === capture.depth) capture.innerEnd = parser.position;
    if (stack.length === capture.depth - 1) {
      const { parts, domain, idBord, signed, innerEnd } = capture;
      capture = undefined;
      opening = undefined;
      onBordereau({ xml: parts.join(''), domain, signed, innerEnd, ...(idBord !== undefined ? { idBord } : {}) });
    }
  });
  return { opening: () => opening };
}
