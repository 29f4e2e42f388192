// Verifies the signature of every signed bordereau of a PES Aller, streamed: each Bordereau of PES_DepenseAller or
// PES_RecetteAller is re-serialised from the parser's events (same canonical form: exclusive c14n ignores quoting,
// attribute order and comments) with the namespaces in scope, verified, then dropped. Memory: one bordereau.
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagNS } from 'saxes';
import { issue, type CheckIssue } from '../domain/check-issue.ts';
import { verifyBordereauSignature } from './verify-bordereau.ts';

const escapeText = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string): string => escapeText(text).replace(/"/g, '&quot;');

interface Capture {
  parts: string[];
  depth: number;
  domain: 'depense' | 'recette';
  idBord?: string;
  signed: boolean;
}

export async function verifyPesSignatures(source: Readable): Promise<CheckIssue[]> {
  const issues: CheckIssue[] = [];
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  // Namespace bindings in scope at each depth: a bordereau re-serialised alone must still declare its prefixes.
  const scopes: Record<string, string>[] = [{}];
  let capture: Capture | undefined;
  let inIdBord = false;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const parent = stack[stack.length - 1];
    stack.push(tag.local);
    const inherited = scopes[scopes.length - 1] ?? {};
    scopes.push({ ...inherited, ...tag.ns });
    if (!capture && tag.local === 'Bordereau' && (parent === 'PES_DepenseAller' || parent === 'PES_RecetteAller')) {
      capture = {
        parts: [],
        depth: stack.length,
        domain: parent === 'PES_DepenseAller' ? 'depense' : 'recette',
        signed: false,
      };
      const scope = Object.entries(inherited).filter(
        ([prefix]) => tag.attributes[prefix === '' ? 'xmlns' : `xmlns:${prefix}`] === undefined,
      );
      capture.parts.push(
        `<${tag.name}${scope.map(([prefix, uri]) => ` ${prefix === '' ? 'xmlns' : `xmlns:${prefix}`}="${escapeAttribute(uri)}"`).join('')}`,
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
    if (stack.length === capture.depth - 1) {
      const done = capture;
      capture = undefined;
      if (!done.signed) return;
      const verdict = verifyBordereauSignature(done.parts.join(''));
      if (!verdict.ok) {
        const element = `${done.domain === 'depense' ? 'PES_DepenseAller' : 'PES_RecetteAller'}/Bordereau/ds:Signature`;
        issues.push(
          issue(
            verdict.code,
            { element, domain: done.domain, bordereau: done.idBord },
            `est refusée : ${verdict.message}`,
          ),
        );
      }
    }
  });
  for await (const chunk of source as AsyncIterable<Buffer>) parser.write(chunk.toString('latin1'));
  parser.close();
  return issues;
}
