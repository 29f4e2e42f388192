// Operator pages of the directory: search, member EPCIs, one structure, and its edits.
import { Hono, type Context } from 'hono';
import { isStructureKind } from '../domain/kinds.ts';
import { CSRF_FIELD, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { csvResponse, toCsv } from '../../web/csv.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import type { Viewer } from '../../web/viewer.ts';
import { listEpciMembers } from '../lists.ts';
import { getStructure } from '../read-structure.ts';
import { searchStructures } from '../search-structures.ts';
import type { SearchStructuresInput, StructureKind, StructureSummary } from '../types.ts';
import { saveService, updateChorusRouting, type DirectoryChange } from '../update-structure.ts';
import { EpciPage } from './epci-page.tsx';
import { EPCI_NATURE_LABELS, KIND_LABELS } from '../domain/labels.ts';
import { DirectorySearchPage, type DirectorySearchForm } from './search-page.tsx';
import { StructurePage, type StructurePageProps } from './structure-page.tsx';
import { createStructure } from '../create-structure.ts';
import { updateStructure } from '../edit-structure.ts';
import { NewStructurePage } from './new-structure-page.tsx';
import { EMPTY_STRUCTURE_FORM, type StructureFormValues } from './structure-form.tsx';

const PAGE_SIZE = 25;

function readSearch(url: string): {
  form: DirectorySearchForm;
  input: SearchStructuresInput;
  page: number;
  params: URLSearchParams;
} {
  const q = new URL(url).searchParams;
  const form = {
    q: (q.get('q') ?? '').trim().slice(0, 100),
    kind: isStructureKind(q.get('kind') ?? '') ? (q.get('kind') as string) : '',
    departement: /^([0-9]{2}|2[AaBb]|97[0-9])$/.test(q.get('departement') ?? '')
      ? (q.get('departement') as string)
      : '',
  };
  const page = Math.min(10_000, Math.max(1, Number.parseInt(q.get('page') ?? '1', 10) || 1));
  const params = new URLSearchParams(Object.entries(form).filter(([, v]) => v));
  return {
    form,
    page,
    params,
    input: {
      q: form.q || undefined,
      kind: (form.kind || undefined) as StructureKind | undefined,
      departement: form.departement || undefined,
    },
  };
}

const SUMMARY_CSV = [
  { header: 'Nom', value: (s: StructureSummary) => s.name },
  { header: 'Type', value: (s: StructureSummary) => KIND_LABELS[s.kind] },
  { header: 'Nature', value: (s: StructureSummary) => (s.epciNature ? EPCI_NATURE_LABELS[s.epciNature] : '') },
  { header: 'SIREN', value: (s: StructureSummary) => s.siren ?? '' },
  { header: 'SIRET principal', value: (s: StructureSummary) => s.siret ?? '' },
  { header: 'Code INSEE', value: (s: StructureSummary) => s.inseeCode ?? '' },
  { header: 'Département', value: (s: StructureSummary) => s.departementCode ?? '' },
  { header: 'Population', value: (s: StructureSummary) => s.population ?? '' },
];

async function allEpcis(c: Context<AppEnv>): Promise<StructureSummary[]> {
  const result = await searchStructures(c.get('deps').db, { kind: 'epci', limit: 100 });
  return [...result.items].sort(
    (a, b) => (b.population ?? 0) - (a.population ?? 0) || a.name.localeCompare(b.name, 'fr'),
  );
}

async function showStructure(
  c: Context<AppEnv>,
  viewer: Viewer,
  id: string,
  extra: Pick<StructurePageProps, 'done' | 'error' | 'identity' | 'mode'>,
  status: 200 | 400 = 200,
) {
  const structure = await getStructure(c.get('deps').db, id);
  if (!structure) throw notFound('Structure');
  const members = structure.kind === 'epci' ? await listEpciMembers(c.get('deps').db, id) : [];
  return sendPage(c, <StructurePage viewer={viewer} structure={structure} members={members} {...extra} />, status);
}

const DONE: Record<string, string> = {
  regles: 'Règles Chorus Pro enregistrées.',
  service: 'Service enregistré.',
  creee: 'Structure créée.',
  identite: 'Identité et délai de paiement enregistrés.',
  inchange: 'Aucune modification : les valeurs étaient déjà celles-ci.',
};

const checked = (form: Record<string, unknown>, name: string): boolean => form[name] === '1' || form[name] === 'on';
const text = (form: Record<string, unknown>, name: string): string =>
  typeof form[name] === 'string' ? (form[name] as string).slice(0, 300) : '';

function structureForm(form: Record<string, unknown>): StructureFormValues {
  return {
    kind: text(form, 'kind'),
    name: text(form, 'name'),
    siret: text(form, 'siret'),
    epciNature: text(form, 'epciNature'),
    departementCode: text(form, 'departementCode'),
    paymentDelayOverrideDays: text(form, 'paymentDelayOverrideDays'),
    active: checked(form, 'active'),
  };
}

/** A refusal of the input (400) with the field it names, or undefined for any other failure. */
function refusal(error: unknown): { message: string; field?: string | undefined } | undefined {
  if (!(error instanceof AppError) || error.status !== 400) return undefined;
  const field = (error.details as { field?: unknown } | undefined)?.field;
  return { message: error.message, field: typeof field === 'string' ? field : undefined };
}
const doneKey = (change: DirectoryChange, key: string): string => (change.changes.length === 0 ? 'inchange' : key);

export const directoryPages = new Hono<AppEnv>()
  .get('/annuaire', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const search = readSearch(c.req.url);
    const result = await searchStructures(c.get('deps').db, {
      ...search.input,
      limit: PAGE_SIZE,
      offset: (search.page - 1) * PAGE_SIZE,
    });
    return sendPage(
      c,
      <DirectorySearchPage
        viewer={viewer}
        form={search.form}
        result={result}
        page={search.page}
        params={search.params}
      />,
    );
  })
  .get('/annuaire/export.csv', async (c) => {
    await requireViewerWith(c, 'operator');
    const search = readSearch(c.req.url);
    const rows: StructureSummary[] = [];
    for (let offset = 0; offset < 5_000; offset += 100) {
      const chunk = await searchStructures(c.get('deps').db, { ...search.input, limit: 100, offset });
      rows.push(...chunk.items);
      if (chunk.items.length < 100) break;
    }
    return csvResponse(c, 'annuaire.csv', toCsv(SUMMARY_CSV, rows));
  })
  .get('/annuaire/epci', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return sendPage(c, <EpciPage viewer={viewer} epcis={await allEpcis(c)} />);
  })
  .get('/annuaire/epci/export.csv', async (c) => {
    await requireViewerWith(c, 'operator');
    return csvResponse(c, 'epci-membres.csv', toCsv(SUMMARY_CSV, await allEpcis(c)));
  })
  .get('/annuaire/nouvelle', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return sendPage(c, <NewStructurePage viewer={viewer} values={EMPTY_STRUCTURE_FORM} />);
  })
  .post('/annuaire/nouvelle', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const values = structureForm(form);
    try {
      const change = await createStructure({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input: values });
      return c.redirect(`/annuaire/${change.structureId}?fait=creee`, 303);
    } catch (error) {
      const refused = refusal(error);
      if (!refused) throw error;
      return sendPage(c, <NewStructurePage viewer={viewer} values={values} error={refused} />, 400);
    }
  })
  .get('/annuaire/:id', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return showStructure(c, viewer, c.req.param('id'), { done: DONE[c.req.query('fait') ?? ''] });
  })
  .get('/annuaire/:id/modifier', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return showStructure(c, viewer, c.req.param('id'), { mode: 'edit' });
  })
  .post('/annuaire/:id/chorus', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const id = c.req.param('id');
    const change = await updateChorusRouting({
      ctx: { deps: c.get('deps'), actor: viewer.actor },
      input: {
        structureId: id,
        changes: {
          serviceCodeRequired: checked(form, 'serviceCodeRequired'),
          engagementNumberRequired: checked(form, 'engagementNumberRequired'),
          serviceCodeOrEngagementRequired: checked(form, 'serviceCodeOrEngagementRequired'),
          receivesThroughChorus: checked(form, 'receivesThroughChorus'),
          strictReformRules: checked(form, 'strictReformRules'),
        },
      },
    });
    return c.redirect(`/annuaire/${id}?fait=${doneKey(change, 'regles')}`, 303);
  })
  .post('/annuaire/:id/identite', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const id = c.req.param('id');
    const values = structureForm(form);
    try {
      const change = await updateStructure({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: { structureId: id, changes: values },
      });
      return c.redirect(`/annuaire/${id}?fait=${doneKey(change, 'identite')}`, 303);
    } catch (error) {
      const refused = refusal(error);
      if (!refused) throw error;
      return showStructure(
        c,
        viewer,
        id,
        { error: refused.message, identity: { values, errorField: refused.field }, mode: 'edit' },
        400,
      );
    }
  })
  .post('/annuaire/:id/services', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const id = c.req.param('id');
    try {
      const change = await saveService({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: {
          structureId: id,
          changes: {
            code: typeof form.code === 'string' ? form.code : '',
            label: typeof form.label === 'string' ? form.label : '',
            active: checked(form, 'active'),
            engagementNumberRequired: checked(form, 'engagementNumberRequired'),
          },
        },
      });
      return c.redirect(`/annuaire/${id}?fait=${doneKey(change, 'service')}`, 303);
    } catch (error) {
      if (error instanceof AppError && error.status === 400)
        return showStructure(c, viewer, id, { error: error.message, mode: 'edit' }, 400);
      throw error;
    }
  });
