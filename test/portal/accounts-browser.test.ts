// In Chromium, with the e-mails going through a fake SMTP server: a supplier registers its company (SIRET key
// checked) and activates it from the e-mail; a blocked person gets a new password by e-mail, which also unblocks
// the login; an accountant whose session expired mid-decision keeps the motive; error pages are French HTML.
import { and, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authThrottles, sessions } from '../../db/schema/auth.ts';
import { deriveSiret, isValidSiren } from '../../src/directory/index.ts';
import { depositInvoice } from '../../src/invoices/index.ts';
import { findPersonByEmail, personActor, sourceKey } from '../../src/platform/auth/index.ts';
import { createSmtpMailer } from '../../src/platform/mail/smtp.ts';
import { DEMO_ACCOUNTS } from '../../src/seed/demo-accounts.ts';
import { partyBySiren, ublBytes, uniqueInvoiceNumber } from '../helpers/invoices.ts';
import { useTestDatabase } from '../helpers/use-database.ts';
import { startFakeSmtpServer, type FakeSmtpServer } from '../invoices/fake-smtp-server.ts';
import { eventually, waitForStatus } from '../invoices/lifecycle-fixtures.ts';
import { logIn, screenshot, startHub, unlabelledFields, type RunningHub } from '../web/browser.ts';

const t = useTestDatabase();
let hub: RunningHub;
let smtp: FakeSmtpServer;

beforeAll(async () => {
  smtp = await startFakeSmtpServer();
  hub = await startHub(t.handle, {
    mailer: createSmtpMailer({ url: smtp.url, from: 'hub@test.hub.bzh' }),
    extend: (app) =>
      app.get('/essai/panne', () => {
        throw new Error('unexpected failure');
      }),
  });
}, 120_000);
afterAll(async () => {
  await hub?.stop();
  await smtp?.close();
});

/** The text of the one e-mail sent to `to` with this subject (quoted-printable or base64 bodies decoded). */
async function mailTo(to: string, subject: RegExp): Promise<string> {
  return eventually(
    async () => {
      for (const mail of smtp.received.filter((m) => m.to.includes(to))) {
        const [head = '', raw = ''] = mail.data.split('\r\n\r\n');
        const decodedSubject = head.replace(/=\?utf-8\?b\?([^?]+)\?=/gi, (_, b: string) =>
          Buffer.from(b, 'base64').toString('utf8'),
        );
        if (!subject.test(decodedSubject)) continue;
        return /base64/i.test(head) ? Buffer.from(raw.replace(/\s+/g, ''), 'base64').toString('utf8') : raw;
      }
      return undefined;
    },
    30_000,
    `an e-mail to ${to}`,
  );
}

const linkIn = (text: string): string => /https?:\/\/\S+/.exec(text)![0];

function newSiret(): string {
  for (let base = 88312345; ; base++)
    for (let key = 0; key < 10; key++) {
      const siren = `${base}${key}`;
      if (isValidSiren(siren)) return deriveSiret(siren);
    }
}

async function newPage(width = 1366): Promise<Page> {
  const context = await hub.browser.newContext({ locale: 'fr-FR', viewport: { width, height: 900 } });
  return context.newPage();
}

describe('accounts, in Chromium', () => {
  it('a supplier registers its company and activates its account from the e-mail', { timeout: 120_000 }, async () => {
    const page = await newPage();
    await page.goto(`${hub.baseUrl}/connexion`);
    await page.getByRole('link', { name: 'Créer un compte fournisseur' }).click();
    expect(await unlabelledFields(page)).toEqual([]);
    const siret = newSiret();
    const email = `artisan-${Date.now()}@menuiserie.test`;
    // A SIRET with a wrong key: refused, the field marked, nothing sent.
    const wrongKey = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
    await page.getByLabel(/^SIRET/).fill(wrongKey);
    await page.getByLabel(/Raison sociale/).fill('Menuiserie Le Goff');
    await page.getByLabel(/Prénom et nom/).fill('Yann Le Goff');
    await page.getByLabel(/Adresse électronique/).fill(email);
    await page.getByLabel('Mot de passe (obligatoire)').fill('copeaux de chêne 2026');
    await page.getByLabel(/Mot de passe, de nouveau/).fill('copeaux de chêne 2026');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    expect(await page.locator('.notice-error').textContent()).toContain(
      `Le SIRET ${wrongKey} n’existe pas : sa clé de contrôle (formule de Luhn) ne correspond pas.`,
    );
    expect(await page.locator('#siret').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#companyName').inputValue()).toBe('Menuiserie Le Goff');
    await screenshot(page, 'accounts-01-inscription-siret-refuse');

    await page.getByLabel(/^SIRET/).fill(siret.replace(/(\d{3})(\d{3})(\d{3})(\d{5})/, '$1 $2 $3 $4'));
    await page.getByLabel('Mot de passe (obligatoire)').fill('copeaux de chêne 2026');
    await page.getByLabel(/Mot de passe, de nouveau/).fill('copeaux de chêne 2026');
    await page.getByRole('button', { name: 'Créer le compte' }).click();
    await page.getByText('Un courriel de confirmation vient d’être envoyé').waitFor();
    // No account before the address is confirmed.
    expect(await findPersonByEmail({ db: t.handle.db }, email)).toBeUndefined();

    const mail = await mailTo(email, /Confirmez votre inscription/);
    expect(mail).toContain(`Menuiserie Le Goff (SIRET ${siret})`);
    await page.goto(linkIn(mail));
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    await page.getByText('Le compte de Menuiserie Le Goff est actif.').waitFor();
    await screenshot(page, 'accounts-02-inscription-activee');

    await logIn(page, hub.baseUrl, email, 'copeaux de chêne 2026');
    expect(await page.locator('.who-structures').textContent()).toContain('Menuiserie Le Goff (fournisseur)');
    // The link served once.
    await page.goto(linkIn(mail));
    await page.getByRole('button', { name: 'Activer mon compte' }).click();
    expect(await page.locator('.notice-error').textContent()).toContain('Ce lien de confirmation n’est plus valable');

    // The administrator invites a colleague, who joins from the e-mail, then removes her access.
    await page.goto(`${hub.baseUrl}/`);
    await page.getByRole('link', { name: 'Utilisateurs de l’entreprise' }).click();
    const colleague = `atelier-${Date.now()}@menuiserie.test`;
    await page.getByLabel('Prénom et nom').fill('Nolwenn Le Goff');
    await page.getByLabel('Adresse électronique').fill(colleague);
    await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await page.getByText(`Une invitation a été envoyée à ${colleague}`).waitFor();
    const invitation = await mailTo(colleague, /Invitation à rejoindre/);
    expect(invitation).toContain('Yann Le Goff vous invite');
    const other = await newPage();
    await other.goto(linkIn(invitation));
    await other.getByLabel('Choisissez un mot de passe').fill('rabot et varlope 2026');
    await other.getByLabel('Mot de passe, de nouveau').fill('rabot et varlope 2026');
    await other.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await other.getByText('Vous avez accès aux factures de l’entreprise.').waitFor();
    await logIn(other, hub.baseUrl, colleague, 'rabot et varlope 2026');
    expect(await other.locator('.who-structures').textContent()).toContain('Menuiserie Le Goff (fournisseur)');
    await page.reload();
    await page.getByRole('button', { name: 'Retirer l’accès de Nolwenn Le Goff' }).click();
    await page.getByText('L’accès a été retiré.').waitFor();
    await other.goto(`${hub.baseUrl}/factures`);
    expect(await other.locator('h1').textContent()).toBe('Accès refusé');
    await Promise.all([page.context().close(), other.context().close()]);
  });

  it(
    'a blocked person chooses a new password from the e-mail, which unblocks the login',
    { timeout: 120_000 },
    async () => {
      const who = DEMO_ACCOUNTS.find((a) => a.email === 'fournisseur.oceane@demo.hub.bzh')!;
      // Blocked from this address, as ten failed logins leave it.
      const blockedUntil = new Date(Date.now() + 15 * 60_000);
      await t.handle.db.insert(authThrottles).values({
        kind: 'login',
        identityKey: who.email,
        sourceKey: sourceKey('127.0.0.1'),
        attempts: 12,
        lastAttemptAt: new Date(),
        blockedUntil,
      });
      const page = await newPage();
      await page.goto(`${hub.baseUrl}/connexion`);
      await page.getByLabel('Adresse électronique').fill(who.email);
      await page.getByLabel('Mot de passe').fill(who.password);
      await page.getByRole('button', { name: 'Se connecter' }).click();
      expect(await page.locator('#login-error').textContent()).toContain('Trop de tentatives');

      await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
      expect(await unlabelledFields(page)).toEqual([]);
      // An unknown address gets the same answer, and no e-mail.
      await page.getByLabel('Adresse électronique').fill('personne@inconnu.test');
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      const unknownAnswer = await page.locator('.notice-success').textContent();
      await page.goto(`${hub.baseUrl}/mot-de-passe-oublie`);
      await page.getByLabel('Adresse électronique').fill(who.email.toUpperCase());
      await page.getByRole('button', { name: 'Recevoir le lien' }).click();
      expect(await page.locator('.notice-success').textContent()).toBe(unknownAnswer);
      await screenshot(page, 'accounts-03-mot-de-passe-oublie');

      const mail = await mailTo(who.email, /Choisir un nouveau mot de passe/);
      expect(smtp.received.some((m) => m.to.includes('personne@inconnu.test'))).toBe(false);
      await page.goto(linkIn(mail));
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('marée haute à Brest');
      await page.getByLabel('Nouveau mot de passe, de nouveau').fill('marée basse à Brest');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      expect(await page.locator('.notice-error').textContent()).toContain(
        'Les deux saisies du mot de passe sont différentes.',
      );
      expect(await page.locator('#confirmation').getAttribute('aria-invalid')).toBe('true');
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('marée haute à Brest');
      await page.getByLabel('Nouveau mot de passe, de nouveau').fill('marée haute à Brest');
      await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
      await page.getByText('Votre nouveau mot de passe est enregistré.').waitFor();
      const left = await t.handle.db
        .select()
        .from(authThrottles)
        .where(and(eq(authThrottles.kind, 'login'), eq(authThrottles.identityKey, who.email)));
      expect(left).toEqual([]);

      await logIn(page, hub.baseUrl, who.email, 'marée haute à Brest');
      // The link served once.
      const again = await newPage();
      await again.goto(linkIn(mail));
      expect(await again.locator('.notice-error').textContent()).toContain('Ce lien n’est plus valable');
      await Promise.all([page.context().close(), again.context().close()]);
    },
  );

  it('a session that expires mid-decision keeps the motive', { timeout: 150_000 }, async () => {
    const rennes = await partyBySiren(t.handle.db, 'commune', '213502388');
    const supplierAccount = DEMO_ACCOUNTS.find((a) => a.email === 'fournisseur.armor@demo.hub.bzh')!;
    const supplierPerson = (await findPersonByEmail({ db: t.handle.db }, supplierAccount.email))!;
    const supplierActor = await personActor({ db: t.handle.db }, supplierPerson);
    const supplier = await partyBySiren(t.handle.db, 'supplier', supplierAccount.structure.siren);
    const supplierId = supplier.id;
    const number = uniqueInvoiceNumber('EXP');
    const result = await depositInvoice({
      ctx: { deps: hub.deps, actor: supplierActor },
      input: {
        supplierId,
        bytes: ublBytes({
          number,
          supplierSiret: supplier.siret,
          supplierName: supplier.name,
          buyerSiret: rennes.siret,
          serviceCode: 'FIN',
        }),
        channel: 'web',
      },
    });
    if (result.outcome !== 'accepted') throw new Error('deposit refused');
    await waitForStatus(t.handle.db, result.invoiceId, 'MISE_A_DISPOSITION', 30_000);

    const accountant = DEMO_ACCOUNTS.find((a) => a.email === 'comptable.rennes@demo.hub.bzh')!;
    const page = await newPage();
    await logIn(page, hub.baseUrl, accountant.email, accountant.password);
    await page.goto(`${hub.baseUrl}/factures/${result.invoiceId}`);
    await page.getByText('Un problème avec cette facture ?').click();
    const suspend = page.locator('form', { has: page.locator('input[name="kind"][value="SUSPENDUE"]') });
    const motive = 'Le bon de commande n° 2026-118 manque ; merci de le joindre.';
    await suspend.getByLabel(/Motif/).fill(motive);
    // Twelve idle hours pass while the motive is typed.
    const person = (await findPersonByEmail({ db: t.handle.db }, accountant.email))!;
    await t.handle.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(sessions.personId, person.id));
    await suspend.getByRole('button').click();
    await page.waitForURL(/\/connexion\?/);
    expect(await page.locator('#login-reason').textContent()).toContain(
      'Votre session a expiré. Ce que vous aviez saisi est conservé',
    );
    await screenshot(page, 'accounts-04-session-expiree');
    await page.getByLabel('Adresse électronique').fill(accountant.email);
    await page.getByLabel('Mot de passe').fill(accountant.password);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await page.waitForURL(/\/reprise\//);
    expect(await page.locator('#reprise-message').textContent()).toContain(
      'Votre session a expiré avant l’envoi de votre formulaire.',
    );
    expect(await page.locator('.replay-value', { hasText: motive }).count()).toBe(1);
    await screenshot(page, 'accounts-05-reprise');
    await page.getByRole('button', { name: 'Envoyer le formulaire' }).click();
    await page.waitForURL(`${hub.baseUrl}/factures/${result.invoiceId}**`);
    expect(await page.locator('h1 .badge').textContent()).toBe('Suspendue');
    expect(await page.locator('.timeline').textContent()).toContain(motive);
    await page.context().close();
  });

  it('error pages are French HTML: 404, 405, 500', { timeout: 60_000 }, async () => {
    const page = await newPage(360);
    const missing = await page.goto(`${hub.baseUrl}/factures/inexistante/rien`);
    expect(missing!.status()).toBe(404);
    // A visitor not logged in on an unknown path, then an API path asked with the wrong method.
    const unknown = await page.goto(`${hub.baseUrl}/page-qui-n-existe-pas`);
    expect([unknown!.status(), await page.locator('h1').textContent()]).toEqual([404, 'Page introuvable']);
    expect(await page.locator('footer').getByRole('link', { name: 'Accessibilité : non conforme' }).count()).toBe(1);
    await screenshot(page, 'errors-404');
    const method = await page.goto(`${hub.baseUrl}/auth/login`);
    expect([method!.status(), await page.locator('h1').textContent()]).toEqual([
      405,
      'Action impossible à cette adresse',
    ]);
    await screenshot(page, 'errors-405');
    const broken = await page.goto(`${hub.baseUrl}/essai/panne`);
    expect([broken!.status(), await page.locator('h1').textContent()]).toEqual([500, 'Erreur du service']);
    expect(await page.content()).not.toContain('unexpected failure');
    await screenshot(page, 'errors-500');
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await page.context().close();
  });
});
