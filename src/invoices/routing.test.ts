import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { structures } from '../../db/schema/directory.ts';
import { testParties } from '../../test/helpers/invoices.ts';
import { useTestDatabase } from '../../test/helpers/use-database.ts';
import { routeInvoice } from './routing.ts';

const t = useTestDatabase();
let p: Awaited<ReturnType<typeof testParties>>;

beforeAll(async () => {
  p = await testParties(t.handle.db);
});

const route = (buyerSiret: string | null, serviceCode: string | null = null, engagementNumber: string | null = null) =>
  routeInvoice(t.handle.db, { buyerSiret, serviceCode, engagementNumber });

describe('routeInvoice', () => {
  it('routes to the structure and service, with the recipient’s legal delay', async () => {
    const result = await route(p.rennes.siret, ' fin ', 'EJ-1');
    expect(result).toMatchObject({
      outcome: 'routed',
      route: {
        buyer: { id: p.rennes.id, siret: p.rennes.siret, kind: 'commune', paymentDelayDays: 30 },
        service: { code: 'FIN' },
        serviceCode: 'FIN',
        engagementNumber: 'EJ-1',
      },
    });
  });

  it('carries a structure’s own payment delay (50 days for a public hospital)', async () => {
    await t.handle.db.update(structures).set({ paymentDelayDays: 50 }).where(eq(structures.id, p.lorient.id));
    const result = await route(p.lorient.siret);
    expect(result.outcome === 'routed' && result.route.buyer.paymentDelayDays).toBe(50);
  });

  it('accepts a SIRET written with spaces', async () => {
    const spaced = `${p.brest.siret.slice(0, 3)} ${p.brest.siret.slice(3, 6)} ${p.brest.siret.slice(6, 9)} ${p.brest.siret.slice(9)}`;
    expect((await route(spaced, null, 'EJ')).outcome).toBe('routed');
  });

  it.each([
    ['no SIRET', () => [null], 'MISSING_RECIPIENT', /SIRET du destinataire public est absent/],
    ['a malformed SIRET', () => ['12345678901234'], 'UNKNOWN_RECIPIENT', /"12345678901234" n’est pas un SIRET valide/],
    ['a supplier’s SIRET', () => [p.armor.siret], 'UNKNOWN_RECIPIENT', /Aucune structure publique destinataire/],
    [
      'an unknown service',
      () => [p.rennes.siret, 'XYZ'],
      'UNKNOWN_SERVICE',
      /"XYZ" n’existe pas pour la commune de Rennes/,
    ],
    ['an inactive service', () => [p.rennes.siret, 'DPB'], 'INACTIVE_SERVICE', /"DPB".*n’est plus actif/],
    [
      'no service where required',
      () => [p.rennes.siret, null, 'EJ-1'],
      'SERVICE_CODE_REQUIRED',
      /La commune de Rennes .* exige un code service \(BT-10/,
    ],
    [
      'no engagement where the structure requires it',
      () => [p.quimper.siret, 'FIN'],
      'ENGAGEMENT_NUMBER_REQUIRED',
      /La commune de Quimper .* exige un numéro d’engagement \(BT-13/,
    ],
    [
      'no engagement where the service requires it',
      () => [p.rennes.siret, 'TECH'],
      'ENGAGEMENT_NUMBER_REQUIRED',
      /Le service "TECH" \(Services techniques\) de la commune de Rennes/,
    ],
    [
      'neither reference where one is required',
      () => [p.brest.siret],
      'SERVICE_CODE_OR_ENGAGEMENT_REQUIRED',
      /au moins un code service \(BT-10\) ou un numéro d’engagement \(BT-13\)/,
    ],
  ] as const)('refuses %s', async (_name, args, code, message) => {
    const [siret, service, engagement] = args() as [string | null, string?, string?];
    const result = await route(siret, service ?? null, engagement ?? null);
    expect(result).toMatchObject({ outcome: 'refused', code });
    if (result.outcome === 'refused') expect(result.message).toMatch(message);
  });

  it('accepts either reference where one of them suffices', async () => {
    expect((await route(p.brest.siret, 'FIN')).outcome).toBe('routed');
    expect((await route(p.brest.siret, null, 'EJ-9')).outcome).toBe('routed');
  });

  it('routes with the service’s engagement number present', async () => {
    expect(await route(p.rennes.siret, 'TECH', 'EJ-7')).toMatchObject({
      outcome: 'routed',
      route: { service: { code: 'TECH' } },
    });
  });

  it('refuses a recipient that is no longer active', async () => {
    await t.handle.db.update(structures).set({ active: false }).where(eq(structures.id, p.quimper.id));
    const result = await route(p.quimper.siret, 'FIN', 'EJ');
    expect(result).toMatchObject({ outcome: 'refused', code: 'INACTIVE_RECIPIENT' });
    await t.handle.db.update(structures).set({ active: true }).where(eq(structures.id, p.quimper.id));
  });
});
