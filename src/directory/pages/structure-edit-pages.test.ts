// The operator creates and edits structures from pages: SIRET checked, kind, legal delay override, French field
// messages, CSRF, operator only; each change recorded.
import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../../../db/schema/audit.ts';
import { establishments, services, structures } from '../../../db/schema/directory.ts';
import { PageClient } from '../../../test/web/page-client.ts';
import { testDeps } from '../../../test/helpers/test-deps.ts';
import { useTestDatabase } from '../../../test/helpers/use-database.ts';
import { createApp } from '../../app.ts';
import { createLogger } from '../../platform/logging.ts';
import { portalRoutes } from '../../portal/routes.ts';
import { createStructure, updateStructure } from '../index.ts';
import { personActing } from '../../../test/helpers/invoices.ts';

const t = useTestDatabase();
let app: ReturnType<typeof createApp>;
let operator: PageClient;
const logged: unknown[] = [];

// Valid SIRETs (Luhn) no structure of the seed holds.
const HOSPITAL_SIRET = '26350999400012';
const OPH_SIRET = '27350001700010';

beforeAll(async () => {
  const logger = createLogger('silent');
  logger.info = ((obj: unknown) => void logged.push(obj)) as typeof logger.info;
  app = createApp(testDeps(t.handle, { logger }));
  app.route('/', portalRoutes);
  operator = await PageClient.logIn(app, 'operateur@demo.hub.bzh', 'Demo-Operateur-2026');
});

const rowBySiret = async (siret: string) => {
  const [row] = await t.handle.db
    .select({ structure: structures })
    .from(establishments)
    .innerJoin(structures, eq(structures.id, establishments.structureId))
    .where(eq(establishments.siret, siret));
  return row?.structure;
};

const auditOf = (subjectId: string) =>
  t.handle.db.select().from(auditEvents).where(eq(auditEvents.subjectId, subjectId)).orderBy(auditEvents.id);

describe('structure creation page', () => {
  it('creates a public hospital with its main SIRET and the 50-day legal delay', async () => {
    const form = await operator.get('/annuaire/nouvelle');
    expect(form.status).toBe(200);
    expect(form.html).toContain('<option value="etablissement_public_sante">Établissement public de santé</option>');
    const res = await operator.post('/annuaire/nouvelle', {
      kind: 'etablissement_public_sante',
      name: '  Centre hospitalier   de Démonstration ',
      siret: '263 509 994 00012',
      departementCode: '35',
      paymentDelayOverrideDays: '',
    });
    expect(res.status).toBe(303);
    const row = await rowBySiret(HOSPITAL_SIRET);
    expect(row).toMatchObject({
      kind: 'etablissement_public_sante',
      name: 'Centre hospitalier de Démonstration',
      searchName: 'centre hospitalier de demonstration',
      siren: '263509994',
      paymentDelayDays: 50,
      paymentDelayOverrideDays: null,
    });
    expect(res.headers.get('location')).toBe(`/annuaire/${row!.id}?fait=creee`);
    const page = await operator.get(`/annuaire/${row!.id}?fait=creee`);
    expect(page.html).toContain('Structure créée.');
    expect(page.html).toContain('50 jours, délai légal (établissement public de santé)');
    const [createdRow] = await auditOf(row!.id);
    expect(createdRow).toMatchObject({
      actorKind: 'person',
      actorLabel: expect.stringContaining('operateur@demo.hub.bzh'),
      action: 'structure.create',
      subjectType: 'structure',
      structureId: row!.id,
      before: { siret: null, kind: null },
      after: expect.objectContaining({
        siret: HOSPITAL_SIRET,
        kind: 'etablissement_public_sante',
        paymentDelayDays: 50,
      }),
    });
    expect(createdRow?.requestId).toBeTruthy();
    expect(logged).toContainEqual({
      audit: expect.objectContaining({
        action: 'structure_created',
        structureId: row!.id,
        changes: expect.arrayContaining([{ field: 'siret', before: null, after: HOSPITAL_SIRET }]),
      }),
    });
  });

  it('refuses a bad SIRET, a taken SIRET, a missing EPCI nature and a bad delay, naming the field', async () => {
    await operator.get('/annuaire/nouvelle');
    const cases: [Record<string, string>, string, string][] = [
      [{ kind: 'oph', name: 'OPH', siret: '27350001700011' }, 'siret', 'Le SIRET « 27350001700011 » n’est pas valide'],
      [
        { kind: 'commune', name: 'Double', siret: HOSPITAL_SIRET },
        'siret',
        `Le SIRET ${HOSPITAL_SIRET} est déjà celui de`,
      ],
      [{ kind: 'epci', name: 'CC X', siret: OPH_SIRET }, 'epciNature', 'La nature de l’EPCI est obligatoire'],
      [
        { kind: 'oph', name: 'OPH', siret: OPH_SIRET, paymentDelayOverrideDays: '90' },
        'paymentDelayOverrideDays',
        'Le délai de paiement « 90 » doit être un nombre entier de jours entre 1 et 60',
      ],
      [{ kind: '', name: 'OPH', siret: OPH_SIRET }, 'kind', 'Le type de structure est obligatoire'],
      [{ kind: 'oph', name: ' ', siret: OPH_SIRET }, 'name', 'Le nom de la structure est obligatoire'],
    ];
    for (const [fields, field, message] of cases) {
      const res = await operator.post('/annuaire/nouvelle', fields);
      const html = await res.text();
      expect(res.status, field).toBe(400);
      expect(html).toContain(message);
      expect(html).toMatch(
        new RegExp(`name="${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*name="${field}"`),
      );
    }
    expect(await rowBySiret(OPH_SIRET)).toBeUndefined();
    const [refusedAudit] = await t.handle.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'structure.create'));
    expect(refusedAudit?.after).toMatchObject({ siret: HOSPITAL_SIRET });
  });

  it('checks CSRF and is for operators only', async () => {
    await operator.get('/annuaire/nouvelle');
    const forged = await operator.post(
      '/annuaire/nouvelle',
      { kind: 'oph', name: 'OPH', siret: OPH_SIRET },
      { csrf: false },
    );
    expect(forged.status).toBe(403);
    expect(await rowBySiret(OPH_SIRET)).toBeUndefined();
    const supplier = await PageClient.logIn(app, 'fournisseur.armor@demo.hub.bzh', 'Demo-Armor-2026');
    const refused = await supplier.get('/annuaire/nouvelle');
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Cette page est réservée à l’opérateur du hub.');
    expect((await supplier.post('/annuaire/nouvelle', { kind: 'oph', name: 'OPH', siret: OPH_SIRET })).status).toBe(
      403,
    );
    const deps = testDeps(t.handle);
    await expect(
      createStructure({
        ctx: { deps: deps, actor: personActing('accountant', 'x') },
        input: {
          kind: 'oph',
          name: 'OPH',
          siret: OPH_SIRET,
          epciNature: '',
          departementCode: '',
          paymentDelayOverrideDays: '',
        },
      }),
    ).rejects.toMatchObject({ status: 403 });
    expect(await rowBySiret(OPH_SIRET)).toBeUndefined();
  });
});

describe('structure identity form', () => {
  it('sets a delay override, changes the kind, and the delay in force follows', async () => {
    const row = (await rowBySiret(HOSPITAL_SIRET))!;
    await operator.get(`/annuaire/${row.id}`);
    const base = { name: row.name, departementCode: '35', active: '1' };
    const override = await operator.post(`/annuaire/${row.id}/identite`, {
      ...base,
      kind: 'etablissement_public_sante',
      paymentDelayOverrideDays: '45',
    });
    expect([override.status, override.headers.get('location')]).toEqual([303, `/annuaire/${row.id}?fait=identite`]);
    expect(await rowBySiret(HOSPITAL_SIRET)).toMatchObject({ paymentDelayDays: 45, paymentDelayOverrideDays: 45 });
    expect((await operator.get(`/annuaire/${row.id}`)).html).toContain(
      '45 jours, fixé par l’opérateur (délai légal du type : 50 jours)',
    );

    // An autonomous public EHPAD is not an établissement public de santé: back to 30 days once the override is cleared.
    await operator.post(`/annuaire/${row.id}/identite`, {
      ...base,
      kind: 'ehpad_public',
      paymentDelayOverrideDays: '',
    });
    expect(await rowBySiret(HOSPITAL_SIRET)).toMatchObject({
      kind: 'ehpad_public',
      paymentDelayDays: 30,
      paymentDelayOverrideDays: null,
    });
    expect(logged).toContainEqual({
      audit: expect.objectContaining({
        action: 'structure_updated',
        changes: [
          { field: 'kind', before: 'etablissement_public_sante', after: 'ehpad_public' },
          { field: 'paymentDelayOverrideDays', before: 45, after: null },
          { field: 'paymentDelayDays', before: 45, after: 30 },
        ],
      }),
    });
    expect((await auditOf(row.id)).map((a) => [a.action, a.after])).toEqual([
      ['structure.create', expect.anything()],
      ['structure.update', { paymentDelayOverrideDays: 45, paymentDelayDays: 45 }],
      ['structure.update', { kind: 'ehpad_public', paymentDelayOverrideDays: null, paymentDelayDays: 30 }],
    ]);
    const same = await operator.post(`/annuaire/${row.id}/identite`, {
      ...base,
      kind: 'ehpad_public',
      paymentDelayOverrideDays: '',
    });
    expect(same.headers.get('location')).toBe(`/annuaire/${row.id}?fait=inchange`);
  });

  it('deactivates the structure, and refuses a bad delay with the typed values kept', async () => {
    const row = (await rowBySiret(HOSPITAL_SIRET))!;
    await operator.get(`/annuaire/${row.id}`);
    const bad = await operator.post(`/annuaire/${row.id}/identite`, {
      kind: 'ehpad_public',
      name: 'Nouveau nom',
      paymentDelayOverrideDays: 'trente',
      active: '1',
    });
    const html = await bad.text();
    expect(bad.status).toBe(400);
    expect(html).toContain('Le délai de paiement « trente » doit être un nombre entier');
    expect(html).toContain('value="Nouveau nom"');
    expect((await rowBySiret(HOSPITAL_SIRET))?.name).toBe(row.name);

    await operator.post(`/annuaire/${row.id}/identite`, {
      kind: 'ehpad_public',
      name: row.name,
      departementCode: '35',
    });
    expect((await rowBySiret(HOSPITAL_SIRET))?.active).toBe(false);
    const deps = testDeps(t.handle);
    await expect(
      updateStructure({
        ctx: { deps: deps, actor: personActing('supplier', row.id) },
        input: {
          structureId: row.id,
          changes: {
            kind: 'commune',
            name: 'X',
            epciNature: '',
            departementCode: '',
            paymentDelayOverrideDays: '',
            active: true,
          },
        },
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it('creates a service, then deactivates it, from the structure page', async () => {
    const row = (await rowBySiret(HOSPITAL_SIRET))!;
    await operator.get(`/annuaire/${row.id}`);
    await operator.post(`/annuaire/${row.id}/services`, {
      code: 'achats',
      label: 'Achats',
      active: '1',
      engagementNumberRequired: '1',
    });
    await operator.post(`/annuaire/${row.id}/services`, {
      code: 'ACHATS',
      label: 'Achats',
      engagementNumberRequired: '1',
    });
    const [svc] = await t.handle.db
      .select()
      .from(services)
      .where(and(eq(services.structureId, row.id), eq(services.code, 'ACHATS')));
    expect(svc).toMatchObject({ active: false, engagementNumberRequired: true });
    expect(logged).toContainEqual({
      audit: expect.objectContaining({
        action: 'service_updated',
        serviceId: svc!.id,
        changes: [{ field: 'active', before: true, after: false }],
      }),
    });
    expect((await auditOf(svc!.id)).map((a) => [a.action, a.subjectType, a.structureId, a.before, a.after])).toEqual([
      ['service.create', 'service', row.id, expect.anything(), expect.objectContaining({ code: 'ACHATS' })],
      ['service.update', 'service', row.id, { active: true }, { active: false }],
    ]);
  });
});
