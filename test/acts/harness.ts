// Shared by the acts tests: the hub's app on a test database with a disk file store, a token of the demo client
// `hub-demo-rennes`, and multipart bodies carrying an act.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseHandle } from '../../db/client.ts';
import type { ActsDeps } from '../../src/acts/index.ts';
import { createApp } from '../../src/app.ts';
import { createFileStore, diskBackend } from '../../src/platform/files/index.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { clientCredentialsToken } from '../helpers/client-token.ts';

export function actsTestDeps(handle: DatabaseHandle, extra: Partial<ActsDeps> = {}): ActsDeps {
  const root = mkdtempSync(join(tmpdir(), 'hub-acts-'));
  return {
    ...testDeps(handle),
    files: createFileStore({ db: handle.db, backend: diskBackend(root) }),
    ...extra,
  } as ActsDeps;
}

export const demoRennesToken = (app: ReturnType<typeof createApp>): Promise<string> =>
  clientCredentialsToken(app, 'hub-demo-rennes', 'hub-demo-rennes-secret');

/** A small but real PDF. */
export function samplePdf(label = 'Délibération'): Uint8Array {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n% ${label}\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return new TextEncoder().encode(body);
}

export function actForm(
  metadata: Record<string, unknown> | string,
  document: Uint8Array | undefined,
  annexes: { name: string; bytes: Uint8Array }[] = [],
): FormData {
  const form = new FormData();
  form.append('metadata', typeof metadata === 'string' ? metadata : JSON.stringify(metadata));
  if (document) form.append('document', new Blob([document], { type: 'application/pdf' }), 'deliberation.pdf');
  for (const a of annexes) form.append('annexes', new Blob([a.bytes]), a.name);
  return form;
}

export const metadata = (number: string, extra: Record<string, unknown> = {}) => ({
  nature: 1,
  classification: '7.1',
  number,
  decisionDate: '2026-01-15',
  object: 'Budget primitif 2026 : vote des taux & des redevances',
  ...extra,
});
