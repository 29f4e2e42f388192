// The hub signs the unsigned bordereaux of a flow with the commune's sealed identity, on the real Postgres, Temporal
// and the fake treasury, which verifies each signature with xmlsec1: the identity set on its page (checked, sealed,
// never shown back), a deposit asking for signature, the « Signer » route on a flow waiting for a certificate, and
// the JSON API.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../db/schema/audit.ts';
import { pesFlows } from '../../db/schema/accounting.ts';
import { depositPes } from '../../src/accounting/deposit/deposit-pes.ts';
import { pesAllerText } from '../../src/accounting/domain/build-pes.ts';
import { requestFlowSigning } from '../../src/accounting/signing/request-signing.ts';
import { setSigningIdentity } from '../../src/accounting/signing/signing-identities.ts';
import type { Actor } from '../../src/platform/auth/index.ts';
import { AppError } from '../../src/platform/errors.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from '../web/page-client.ts';
import { pollUntil, storeBytes } from './accounting-harness.ts';
import { ACCOUNTANT_PASSWORD, mandateSpec, startApiHarness, type ApiHarness } from './api-harness.ts';
import { makeTestIdentity } from './test-identity.ts';

const t = useTestDatabase();
let h: ApiHarness;
let page: PageClient;
const identity = makeTestIdentity('/CN=Ordonnatrice de test/O=Commune signataire');
const stranger = makeTestIdentity('/CN=Quelqu’un d’autre');

beforeAll(async () => {
  h = await startApiHarness(t.handle);
  page = await PageClient.logIn(h.app, h.login, ACCOUNTANT_PASSWORD);
}, 120_000);
afterAll(async () => h?.stopAll());

const structureId = () => h.parties.accountant.party.id;

/** An unsigned, dematerialised PES of the commune (InfoDematerialisee = 1: the hub must sign it). */
function unsignedText(nomFic: string, idBord: string, idPce: string): string {
  const spec = mandateSpec(h, nomFic, `F-${randomUUID().slice(0, 6)}`, idBord, idPce);
  spec.dematerialised = true;
  return pesAllerText(spec);
}

async function depositAskingSignature(text: string) {
  const file = await storeBytes(h.deps, Buffer.from(text, 'latin1'));
  return depositPes({
    ctx: { deps: h.deps, actor: h.parties.accountant.actor },
    input: { fileId: file.id, channel: 'page', sign: true },
  });
}

async function refusalOf(run: () => Promise<unknown>): Promise<AppError> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

async function flowRow(id: string) {
  const [row] = await t.handle.db.select().from(pesFlows).where(eq(pesFlows.id, id));
  return row!;
}

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const value = await read();
    if (ok(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function certificateForm(cert: string, key: string): FormData {
  const form = new FormData();
  form.append('structureId', structureId());
  form.append('certificat', new Blob([cert], { type: 'application/x-pem-file' }), 'cert.pem');
  form.append('cle', new Blob([key], { type: 'application/x-pem-file' }), 'key.pem');
  return form;
}

describe('the hub signing bordereaux', () => {
  let waitingFlow: string;
  let waitingNomFic: string;

  it('refuses a key that is not the certificate’s, and a certificate not valid today, storing nothing', async () => {
    const ctx = { deps: h.deps, actor: h.parties.accountant.actor };
    const mismatch = await refusalOf(() =>
      setSigningIdentity({
        ctx,
        input: { certificatePem: identity.certificatePem, privateKeyPem: stranger.privateKeyPem },
      }),
    );
    expect([mismatch.code, mismatch.status]).toEqual(['SIGNING_KEY_MISMATCH', 422]);
    expect(mismatch.message).toContain('ne correspond pas au certificat');
    const inTwoMonths = { ...h.deps, clock: { now: () => new Date(Date.now() + 60 * 86_400_000) } };
    const expired = await refusalOf(() =>
      setSigningIdentity({ ctx: { ...ctx, deps: inTwoMonths }, input: { ...identity } }),
    );
    expect(expired.code).toBe('SIGNING_CERTIFICATE_NOT_VALID');
    await page.get('/flux-comptables/certificat');
    const page400 = await page.postMultipart('/flux-comptables/certificat', certificateForm('pas un PEM', 'rien'));
    expect(page400.status).toBe(422);
    expect(await page400.text()).toContain('Le certificat n’est pas lisible');
    const rows = await t.handle.db.execute(sql`select count(*)::int as n from accounting_signing_identities`);
    expect((rows as unknown as { n: number }[])[0]?.n).toBe(0);
  });

  it('a deposit asking for signature without a certificate waits with a French error; nothing is sent', async () => {
    waitingNomFic = `T-HUBSIG-WAIT-${Date.now()}`;
    const result = await depositAskingSignature(unsignedText(waitingNomFic, '81', '8101'));
    expect(result.accepted).toBe(true);
    waitingFlow = result.flowId;
    const row = await eventually(
      () => flowRow(waitingFlow),
      (r) => JSON.stringify(r.issues).includes('Aucun certificat de signature'),
      'the missing-certificate issue',
    );
    expect(row.status).toBe('ATTENTE');
    expect(row.hubSignedAt).toBeNull();
    expect(row.transmittedAt).toBeNull();
    expect(h.fake.received.some((f) => f.verdict?.nomFic === waitingNomFic)).toBe(false);
    // The API says the same, in French, and asks nothing.
    const res = await fetch(`${h.base}/api/accounting/flows/${waitingFlow}/sign`, {
      method: 'POST',
      headers: { authorization: h.bearer },
    });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ code: 'SIGNING_IDENTITY_MISSING' });
  }, 120_000);

  it('only the commune’s accountant may set its certificate or ask for a signature', async () => {
    const agent: Actor = {
      ...h.parties.accountant.actor,
      grants: [{ role: 'agent', structureId: structureId() }],
    };
    const ctx = { deps: h.deps, actor: agent };
    const setting = await refusalOf(() => setSigningIdentity({ ctx, input: { ...identity } }));
    expect([setting.code, setting.status]).toEqual(['FORBIDDEN', 403]);
    const asking = await refusalOf(() => requestFlowSigning({ ctx, input: { flowId: waitingFlow } }));
    expect([asking.code, asking.status]).toEqual(['FORBIDDEN', 403]);
    expect(asking.message).toContain('Seul le comptable');
  });

  it('the certificate page stores the identity sealed and shows only what identifies it', async () => {
    await page.get('/flux-comptables/certificat');
    const res = await page.postMultipart(
      '/flux-comptables/certificat',
      certificateForm(identity.certificatePem, identity.privateKeyPem),
    );
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('Certificat enregistré');
    expect(html).toContain('CN=Ordonnatrice de test');
    // Never shown back: neither the certificate's nor the key's text.
    const keyLine = identity.privateKeyPem.split('\n')[3]!;
    const certLine = identity.certificatePem.split('\n')[3]!;
    expect(keyLine.length).toBeGreaterThan(40);
    expect(html).not.toContain(keyLine);
    expect(html).not.toContain(certLine);
    const [raw] = (await t.handle.db.execute(
      sql`select sealed, subject, fingerprint_sha256 from accounting_signing_identities where structure_id = ${structureId()}`,
    )) as unknown as { sealed: string; subject: string; fingerprint_sha256: string }[];
    expect(raw?.subject).toContain('CN=Ordonnatrice de test');
    expect(html).toContain(raw!.fingerprint_sha256);
    // Sealed: neither PEM, nor any line of the key's or the certificate's base64, is in the row.
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain('BEGIN');
    expect(stored).not.toContain(keyLine);
    expect(stored).not.toContain(certLine);
    const audit = await t.handle.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, 'accounting.signing_identity_set'), eq(auditEvents.subjectId, structureId())));
    expect(audit).toHaveLength(1);
  });

  it('« Signer » on the waiting flow signs it; the fake verifies the signature and acknowledges it', async () => {
    const refused = await page.post(`/flux-comptables/${waitingFlow}/signer`, {}, { csrf: false });
    expect(refused.status).toBe(403);
    expect((await flowRow(waitingFlow)).hubSignedAt).toBeNull();
    const view = await page.get(`/flux-comptables/${waitingFlow}`);
    expect(view.html).toContain(`action="/flux-comptables/${waitingFlow}/signer"`);
    const res = await page.post(`/flux-comptables/${waitingFlow}/signer`, {});
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Signature demandée');
    const row = await pollUntil(
      h.deps,
      waitingFlow,
      ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR'],
      120_000,
    );
    expect(row.status).toBe('ACQUITTE');
    expect(row.hubSignedAt).not.toBeNull();
    expect(JSON.stringify(row.issues)).not.toContain('Aucun certificat');
    expect(h.fake.verifiedSignatures).toContain(`${waitingNomFic}/81`);
  }, 180_000);

  it('a deposit asking for signature goes to PES_ACQUIT with a signature the fake verified', async () => {
    const nomFic = `T-HUBSIG-OK-${Date.now()}`;
    const result = await depositAskingSignature(unsignedText(nomFic, '82', '8201'));
    expect(result.accepted).toBe(true);
    const row = await pollUntil(
      h.deps,
      result.flowId,
      ['ACQUITTE', 'INFORMATION_DISPONIBLE', 'REFUSE', 'ERREUR'],
      120_000,
    );
    expect(row.status).toBe('ACQUITTE');
    expect(h.fake.verifiedSignatures).toContain(`${nomFic}/82`);
    // The original is untouched; the file sent carries the signature.
    const read = async (id: string) => {
      const opened = await h.deps.files!.get(id);
      const chunks: Buffer[] = [];
      for await (const c of opened!.stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('latin1');
    };
    expect(await read(row.originalFileId)).not.toContain('<ds:Signature');
    expect(await read(row.sentFileId!)).toContain('<ds:Signature Id="');
    // Past its signing step, the flow cannot be asked again.
    const again = await fetch(`${h.base}/api/accounting/flows/${result.flowId}/sign`, {
      method: 'POST',
      headers: { authorization: h.bearer },
    });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ code: 'FLOW_SIGNING_CLOSED' });
  }, 180_000);
});
