import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { acts } from '../../db/schema/acts.ts';
import { storedFiles } from '../../db/schema/files.ts';
import { createApp } from '../../src/app.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { actForm, actsTestDeps, demoRennesToken, metadata, samplePdf } from './harness.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let auth: Record<string, string>;

beforeAll(async () => {
  app = createApp(actsTestDeps(t.handle));
  auth = { authorization: `Bearer ${await demoRennesToken(app)}` };
});

const post = (form: FormData) => app.request('/api/acts', { method: 'POST', headers: auth, body: form });
const fileCount = async () => (await t.handle.db.select({ n: count() }).from(storedFiles))[0]!.n;

describe('POST /api/acts', () => {
  it('creates the act with its pieces and answers 201 {id, status}; GET shows it with its first event', async () => {
    const res = await post(
      actForm(metadata('D2026_001'), samplePdf(), [{ name: 'annexe.pdf', bytes: samplePdf('Annexe') }]),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; status: string };
    expect(body.status).toBe('EN_ATTENTE_TRANSMISSION');
    const detail = await app.request(`/api/acts/${body.id}`, { headers: auth });
    expect(detail.status).toBe(200);
    const act = (await detail.json()) as Record<string, any>;
    expect(act).toMatchObject({
      status: 'EN_ATTENTE_TRANSMISSION',
      number: 'D2026_001',
      idActe: null,
      receivedAt: null,
    });
    expect(act.pieces.map((p: { name: string }) => p.name)).toEqual([
      '99_DE-035-213502388-20260115-D2026_001-DE-1-1_1.pdf',
      '99_DE-035-213502388-20260115-D2026_001-DE-1-1_2.pdf',
    ]);
    expect(act.events.map((e: { kind: string }) => e.kind)).toEqual(['created']);
  });

  it('refuses bad input with a French error naming the field, and keeps no file', async () => {
    const before = await fileCount();
    const cases: [FormData, string, RegExp][] = [
      [actForm(metadata('d2026-2'), samplePdf()), 'number', /numéro d'acte « d2026-2 » invalide/],
      [actForm(metadata('D2026_002', { nature: 9 }), samplePdf()), 'nature', /nature d'acte inconnue/],
      [actForm(metadata('D2026_002', { classification: '42.1' }), samplePdf()), 'classification', /n'existe pas/],
      [actForm(metadata('D2026_002', { object: 'x'.repeat(500) }), samplePdf()), 'object', /499/],
      [actForm(metadata('D2026_002', { decisionDate: '2999-01-01' }), samplePdf()), 'decisionDate', /futur/],
      [actForm(metadata('D2026_002', { documentType: '41_AT' }), samplePdf()), 'documentType', /n'est pas admise/],
      [actForm(metadata('D2026_002'), undefined), 'document', /obligatoire/],
      [
        actForm(metadata('D2026_002'), new TextEncoder().encode('ceci n’est pas un PDF')),
        'document',
        /n'est pas un PDF/,
      ],
      [actForm('{pas du json', samplePdf()), 'metadata', /JSON/],
    ];
    for (const [form, field, message] of cases) {
      const res = await post(form);
      expect(res.status, field).toBe(400);
      const error = (await res.json()) as { code: string; message: string; details: { field: string } };
      expect(error.details.field).toBe(field);
      expect(error.message).toMatch(message);
    }
    expect(await fileCount()).toBe(before);
    expect((await t.handle.db.select().from(acts).where(eq(acts.number, 'D2026_002'))).length).toBe(0);
  });

  it('refuses a second act with the same number (409), the first untouched', async () => {
    const res = await post(actForm(metadata('D2026_001'), samplePdf()));
    expect(res.status).toBe(409);
    expect(((await res.json()) as { code: string }).code).toBe('DUPLICATE_ACT_NUMBER');
  });

  it('refuses 151 MiB in all with 413, storing nothing', async () => {
    const before = await fileCount();
    const big = new Uint8Array(151 * 1024 * 1024);
    big.set(samplePdf());
    const res = await post(actForm(metadata('D2026_003'), big));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/150 Mio/);
    expect(await fileCount()).toBe(before);
  }, 120_000);

  it('answers 404 for an act of another collectivity or an unknown id, and 401 without a token', async () => {
    expect((await app.request('/api/acts/00000000-0000-4000-8000-000000000000', { headers: auth })).status).toBe(404);
    expect((await app.request('/api/acts/abc', { headers: auth })).status).toBe(404);
    expect((await app.request('/api/acts', { method: 'POST', body: actForm(metadata('X'), samplePdf()) })).status).toBe(
      401,
    );
  });
});
