// The notification step of the buyer's follow-up page: the standstill's end in Paris time, the upload form of the
// signed contract (labelled, CSRF token), a refusal tied to the file field, then the verification report and the
// notified state once a signed contract is accepted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalRoutes } from '../../src/portal/routes.ts';
import { contractPdf, createDemoSigner, signPdf } from '../../src/tenders/signature/demo-signer.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { PageClient } from '../web/page-client.ts';
import { startTenderHarness, type TenderHarness } from './harness.ts';
import { awardedConsultation, unsignedContract } from './signed-contracts.ts';

const t = useTestDatabase();
let h: TenderHarness;
let agent: PageClient;

beforeAll(async () => {
  h = await startTenderHarness(t.handle);
  h.app.route('/', portalRoutes);
  agent = await PageClient.logIn(h.app, 'agent.rennes@demo.hub.bzh', 'Demo-Agent-Rennes-2026');
}, 180_000);
afterAll(async () => {
  await h?.stop();
});

describe('the notification step page', () => {
  it('takes the signed contract, refuses an unsigned one at its field, and shows the report', async () => {
    const { id } = await awardedConsultation(h, 'Consultation à notifier par la page');
    const page = await agent.get(`/acheteur/consultations/${id}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Signature et notification');
    expect(page.html).toContain('Fin du délai de suspension');
    expect(page.html).toContain('(heure de Paris)');
    expect(page.html).toMatch(/<label for="contrat-1">Marché signé du lot 1/);
    expect(page.html).toMatch(/action="\/acheteur\/consultations\/[0-9a-f-]{36}\/lots\/1\/notification"/);

    const refusedForm = new FormData();
    refusedForm.append('_csrf', agent.csrf);
    refusedForm.append('contrat', new File([await unsignedContract()], 'non-signe.pdf', { type: 'application/pdf' }));
    const refused = await agent.postMultipart(`/acheteur/consultations/${id}/lots/1/notification`, refusedForm);
    expect(refused.status).toBe(422);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('aucune signature électronique');
    expect(refusedHtml).toMatch(/id="contrat-1"[^>]*aria-describedby="contrat-1-erreur contrat-1-aide"/);
    expect(refusedHtml).toMatch(/id="contrat-1"[^>]*aria-invalid="true"/);
    expect(refusedHtml).toContain('signature refusée');

    const noToken = new FormData();
    noToken.append('_csrf', 'faux');
    noToken.append('contrat', new File([await unsignedContract()], 'x.pdf', { type: 'application/pdf' }));
    expect((await agent.postMultipart(`/acheteur/consultations/${id}/lots/1/notification`, noToken)).status).toBe(403);

    const signer = await createDemoSigner('Claire Dupont');
    const signed = await signPdf(await contractPdf(['Acte d’engagement', 'Lot 1']), signer, 'Signature du marché');
    const form = new FormData();
    form.append('_csrf', agent.csrf);
    form.append('contrat', new File([signed], 'marche-signe.pdf', { type: 'application/pdf' }));
    const ok = await agent.postMultipart(`/acheteur/consultations/${id}/lots/1/notification`, form);
    expect(ok.status).toBe(200);
    const html = await ok.text();
    expect(html).toContain('Signature vérifiée, lot 1 notifié le');
    expect(html).toContain('Marché notifié le');
    expect(html).toContain('signature acceptée');
    expect(html).toContain('Claire Dupont');
    expect(html).toMatch(/Intégrité<\/dt>\s*<dd>\s*<strong class="ok">OK<\/strong>/);
    expect(html).toContain('Qualifié : déclaré par le certificat');
    expect(html).toContain('Chaîne de confiance non vérifiée');
    expect(html).not.toContain('name="contrat"');
  }, 180_000);
});
