// Verifies the signature of every signed bordereau of a PES Aller, streamed: each bordereau is captured alone
// (bordereau-capture.ts), verified, then dropped. Memory: one bordereau.
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';
import { issue, type CheckIssue } from '../domain/check-issue.ts';
import { captureBordereaux } from './bordereau-capture.ts';
import { verifyBordereauSignature } from './verify-bordereau.ts';

export async function verifyPesSignatures(source: Readable): Promise<CheckIssue[]> {
  const issues: CheckIssue[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  captureBordereaux(parser, (done) => {
    if (!done.signed) return;
    const verdict = verifyBordereauSignature(done.xml);
    if (verdict.ok) return;
    const element = `${done.domain === 'depense' ? 'PES_DepenseAller' : 'PES_RecetteAller'}/Bordereau/ds:Signature`;
    issues.push(
      issue(verdict.code, { element, domain: done.domain, bordereau: done.idBord }, `est refusée : ${verdict.message}`),
    );
  });
  for await (const chunk of source as AsyncIterable<Buffer>) parser.write(chunk.toString('latin1'));
  parser.close();
  return issues;
}
