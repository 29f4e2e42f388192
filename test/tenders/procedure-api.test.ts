// A test consultation run end to end through the JSON API, with durations in seconds: documents downloaded
// without an account (registre des retraits), a new version and a late answer that must move the deadline, a
// question answered anonymously to all, two bids, opening, award with letters, signature refused during the
// standstill, notification, and the DECP 2.0.3 export of the award.
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOutbox } from '../../db/schema/invoices.ts';
import { DEMO_SUPPLIER_KERLANN_INFORMATIQUE } from '../../src/directory/index.ts';
import { DecpDocumentSchema } from '../../src/tenders/decp/decp-schema.ts';
import { officialDecpIssues } from '../../src/tenders/decp/official-schema.ts';
import { contractPdf, createDemoSigner, signPdf } from '../../src/tenders/signature/demo-signer.ts';
import { partyBySiren } from '../helpers/invoices.ts';
import { multipartBody } from '../helpers/multipart.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { bearerFor, bytesOf, eventually, startTenderHarness, type TenderHarness } from './harness.ts';
import { Readable } from 'node:stream';

const t = useTestDatabase();
let h: TenderHarness;

beforeAll(async () => {
  h = await startTenderHarness(t.handle);
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

function form(parts: Parameters<typeof multipartBody>[0]) {
  const body = multipartBody(parts);
  return {
    headers: { 'content-type': body.contentType },
    body: Readable.toWeb(body.stream) as ReadableStream,
    duplex: 'half',
  } as const;
}

describe('the tender room through its API', () => {
  it('runs a test consultation from publication to the DECP export', async () => {
    const { rennes, armor } = h.parties;
    const kerlann = await partyBySiren(t.handle.db, 'supplier', DEMO_SUPPLIER_KERLANN_INFORMATIQUE.siren);
    const buyer = await bearerFor(h, 'agent', rennes.id);
    const armorToken = await bearerFor(h, 'supplier', armor.id);
    const kerlannToken = await bearerFor(h, 'supplier', kerlann.id);
    const api = (path: string, init: RequestInit & { token?: string } = {}) =>
      h.app.request(path, {
        ...init,
        headers: { ...(init.token ? { authorization: init.token } : {}), ...(init.headers as Record<string, string>) },
      });
    const postJson = (path: string, token: string, body: unknown) =>
      api(path, { method: 'POST', token, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    // dayMs 1000: « six days » are six seconds, the standstill eleven.
    const deadline = new Date(Date.now() + 9_000);
    const drafted = await postJson('/api/tenders/consultations', buyer, {
      reference: `API-${Date.now() % 1e8}`,
      title: 'Maintenance informatique',
      object: 'Maintenance du parc informatique des écoles',
      procedure: 'Procédure adaptée',
      nature: 'services',
      cpv: '50312000',
      placeCode: '35238',
      lots: [{ title: 'Écoles', cpv: '50312000', estimatedAmount: '80000.00', deadline: deadline.toISOString() }],
      isTest: true,
      dayMs: 1_000,
    });
    expect(drafted.status).toBe(201);
    const { id } = (await drafted.json()) as { id: string };
    const refusedDraft = await postJson('/api/tenders/consultations', buyer, {
      reference: 'bad ref with spaces',
      title: 'x',
      object: 'y',
      procedure: 'Appel d’offres inventé',
      nature: 'services',
      cpv: '50312000',
      placeCode: '35238',
      lots: [],
    });
    expect(refusedDraft.status).toBe(400);
    expect(((await refusedDraft.json()) as { message: string }).message).toMatch(/procédure|lot/i);

    const rc = await api(`/api/tenders/consultations/${id}/documents`, {
      method: 'POST',
      token: buyer,
      ...form([
        { name: 'nom', value: 'Règlement de la consultation' },
        { name: 'fichier', fileName: 'rc.pdf', mediaType: 'application/pdf', content: bytesOf('RC version 1') },
      ]),
    });
    expect(rc.status).toBe(201);
    expect((await api(`/api/tenders/consultations/${id}/publish`, { method: 'POST', token: buyer })).status).toBe(200);

    // Anyone downloads, without an account; identified downloaders are registered for changes.
    const view = (await (await api(`/api/tenders/consultations/${id}`)).json()) as {
      documents: { id: string; size: number; mediaType: string }[];
    };
    expect(view.documents[0]).toMatchObject({ size: 12, mediaType: 'application/pdf' });
    const dl = await api(
      `/api/tenders/consultations/${id}/documents/${view.documents[0]!.id}?email=veille@kerlann.example&entreprise=Kerlann`,
    );
    expect(await dl.text()).toBe('RC version 1');
    expect((await api(`/api/tenders/consultations/${id}/documents/${view.documents[0]!.id}`)).status).toBe(200);

    // A question, and an answer now (less than six « days » before the deadline): refused without a new deadline.
    const asked = await postJson(`/api/tenders/consultations/${id}/questions`, armorToken, {
      question: 'Le lot inclut-il les tablettes ?',
    });
    const { questionId } = (await asked.json()) as { questionId: string };
    // Answer once fewer than six « days » remain before the deadline, however fast the steps above ran.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline.getTime() - 5_500 - Date.now())));
    const early = await postJson(`/api/tenders/consultations/${id}/questions/${questionId}/answer`, buyer, {
      answer: 'Oui.',
    });
    expect(early.status).toBe(409);
    const refusal = (await early.json()) as { code: string; details: { earliestDeadline: string } };
    expect(refusal.code).toBe('DEADLINE_EXTENSION_REQUIRED');
    const newDeadline = new Date(new Date(refusal.details.earliestDeadline).getTime() + 2_000);
    const answered = await postJson(`/api/tenders/consultations/${id}/questions/${questionId}/answer`, buyer, {
      answer: 'Oui, les tablettes des classes mobiles.',
      newDeadline: newDeadline.toISOString(),
    });
    expect(answered.status).toBe(200);
    expect(await answered.json()).toMatchObject({ moved: true, told: 1 });
    const published = (await (await api(`/api/tenders/consultations/${id}/questions`)).json()) as { items: object[] };
    expect(published.items).toEqual([expect.objectContaining({ answer: 'Oui, les tablettes des classes mobiles.' })]);
    expect(JSON.stringify(published)).not.toMatch(/Armor|armor/);
    const mails = await t.handle.db
      .select()
      .from(emailOutbox)
      .where(like(emailOutbox.eventKey, `tender-answer:${questionId}`));
    expect(mails.map((m) => m.toAddress).sort()).toContain('veille@kerlann.example');

    // Two bids; then the workflow closes the window at the moved deadline.
    const bid = (token: string, text: string) =>
      api(`/api/tenders/consultations/${id}/lots/1/deposits`, {
        method: 'POST',
        token,
        ...form([{ name: 'offre', fileName: 'offre.pdf', mediaType: 'application/pdf', content: bytesOf(text) }]),
      });
    const armorBid = (await (await bid(armorToken, 'Offre Armor')).json()) as { depositId: string; late: boolean };
    const kerlannBid = (await (await bid(kerlannToken, 'Offre Kerlann')).json()) as {
      depositId: string;
      late: boolean;
    };
    expect([armorBid.late, kerlannBid.late]).toEqual([false, false]);
    await eventually(async () => {
      const c = (await (await api(`/api/tenders/consultations/${id}`, { token: buyer })).json()) as { status: string };
      return c.status === 'closed' ? c : undefined;
    });
    expect(Date.now()).toBeGreaterThan(newDeadline.getTime());
    const opened = await api(`/api/tenders/consultations/${id}/opening`, { method: 'POST', token: buyer });
    expect(opened.status).toBe(200);

    const award = await postJson(`/api/tenders/consultations/${id}/lots/1/award`, buyer, {
      depositId: armorBid.depositId,
      amount: '76500.00',
      reasons: 'Offre économiquement la plus avantageuse : prix 60 %, valeur technique 40 %.',
      decp: { ccag: "Techniques de l'information et de la communication" },
    });
    expect(award.status).toBe(201);
    const awarded = (await award.json()) as {
      standstillEndsAt: string;
      letters: { kind: string; companyId: string }[];
    };
    expect(awarded.letters.map((l) => l.kind).sort()).toEqual(['attribution', 'rejet']);
    const letters = (await (await api('/api/tenders/letters', { token: kerlannToken })).json()) as {
      items: { letterId: string; readAt: null }[];
    };
    expect(letters.items).toHaveLength(1);
    const letter = await api(`/api/tenders/letters/${letters.items[0]!.letterId}`, { token: kerlannToken });
    expect(
      Buffer.from(await letter.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    // Signature refused during the standstill, accepted after it.
    const signer = await createDemoSigner('Agent signataire de Rennes');
    const contract = await signPdf(await contractPdf(['Acte d’engagement', 'Lot 1']), signer, 'Signature du marché');
    const notification = () => {
      const body = new FormData();
      body.append('contrat', new File([contract], 'marche-signe.pdf', { type: 'application/pdf' }));
      return api(`/api/tenders/consultations/${id}/lots/1/notification`, { method: 'POST', token: buyer, body });
    };
    const tooSoon = await notification();
    expect(tooSoon.status).toBe(409);
    await new Promise((r) =>
      setTimeout(r, Math.max(0, new Date(awarded.standstillEndsAt).getTime() - Date.now() + 200)),
    );
    expect((await notification()).status).toBe(200);

    // The registers and the DECP export.
    const depots = await api(`/api/tenders/consultations/${id}/registers/depots.csv`, { token: buyer });
    expect((await depots.text()).split('\r\n').filter(Boolean)).toHaveLength(3);
    const retraits = await api(`/api/tenders/consultations/${id}/registers/retraits.csv`, { token: buyer });
    expect(await retraits.text()).toContain('veille@kerlann.example');
    const year = new Date().getFullYear();
    const withoutTests = (await (await api(`/api/tenders/decp?buyer=${rennes.siret}&year=${year}`)).json()) as {
      marches: { marche: unknown[] };
    };
    expect(
      withoutTests.marches.marche.filter((m) => JSON.stringify(m).includes('[CONSULTATION DE TEST]')),
    ).toHaveLength(0);
    const decp = (await (
      await api(`/api/tenders/decp?buyer=${rennes.siret}&year=${year}&includeTests=true`)
    ).json()) as {
      marches: { marche: { objet: string; montant: number; titulaires: unknown; offresRecues: number }[] };
    };
    expect(DecpDocumentSchema.safeParse(decp).success).toBe(true);
    // …and the official schema's text, as the national platform checks it.
    expect(officialDecpIssues(decp)).toEqual([]);
    const marche = decp.marches.marche.find((m) => m.objet.includes('écoles'));
    expect(marche).toMatchObject({
      montant: 76500,
      offresRecues: 2,
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: armor.siret } }],
    });
  }, 120_000);
});
