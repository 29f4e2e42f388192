// Pages open without login: the legal pages (linked from every footer), help, and the public directory of
// recipients with its services and reference rules; suppliers are not listed there.
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.ts';
import { DEMO_SUPPLIER_ARMOR_BUREAUTIQUE } from '../../src/directory/index.ts';
import { partyBySiren } from '../helpers/invoices.ts';
import { testDeps } from '../helpers/test-deps.ts';
import { useTestDatabase } from '../helpers/use-database.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;

beforeAll(() => {
  app = createApp(testDeps(t.handle));
});

const page = async (path: string) => {
  const res = await app.request(path);
  return { status: res.status, html: await res.text() };
};

describe('legal pages', () => {
  it('are open without login and linked from the footer of every page', async () => {
    const accessibility = await page('/accessibilite');
    expect(accessibility.status).toBe(200);
    expect(accessibility.html).toContain('Le hub est <strong>non conforme</strong>');
    expect(accessibility.html).toContain('Défenseur des droits');
    expect(accessibility.html).toContain('Schéma pluriannuel de mise en accessibilité');
    expect(accessibility.html).toContain('mailto:accessibilite@');
    const notice = await page('/mentions-legales');
    expect([notice.status, notice.html.includes('Directeur de la publication')]).toEqual([200, true]);
    const data = await page('/donnees-personnelles');
    expect(data.status).toBe(200);
    for (const part of ['Durée de conservation', 'Vos droits', 'CNIL', 'mailto:dpo@'])
      expect(data.html, part).toContain(part);
    const help = await page('/aide');
    expect(help.html).toContain('href="/mot-de-passe-oublie"');
    for (const path of ['/connexion', '/inscription', '/mot-de-passe-oublie', '/annuaire-destinataires']) {
      const { html } = await page(path);
      for (const link of ['/accessibilite', '/mentions-legales', '/donnees-personnelles'])
        expect(html, `${path} → ${link}`).toContain(`href="${link}"`);
    }
  });
});

describe('the public directory of recipients', () => {
  it('finds Saint-Malo from "st malo" and shows a recipient’s services and reference rules', async () => {
    const found = await page('/annuaire-destinataires?q=st+malo');
    expect(found.status).toBe(200);
    expect(found.html).toMatch(/<a href="\/annuaire-destinataires\/[0-9a-f-]{36}">Saint-Malo<\/a>/);
    const rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
    const detail = await page(`/annuaire-destinataires/${rennes.id}`);
    expect(detail.status).toBe(200);
    expect(detail.html).toContain(rennes.siret);
    expect(detail.html).toContain('Code service obligatoire');
    expect(detail.html).toContain('<code>FIN</code></th><td>Direction des finances</td>');
    // Inactive services are not offered.
    expect(detail.html).not.toContain('<code>DPB</code>');
  });

  it('does not list suppliers', async () => {
    const armor = await partyBySiren(t.handle.db, 'supplier', DEMO_SUPPLIER_ARMOR_BUREAUTIQUE.siren);
    const search = await page(`/annuaire-destinataires?q=${armor.siren}`);
    expect(search.html).not.toContain(armor.name);
    expect((await page(`/annuaire-destinataires/${armor.id}`)).status).toBe(404);
  });
});
