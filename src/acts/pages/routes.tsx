// The agents' pages of the acts (`/actes`, `/actes/nouveau`, `/actes/:id` with its downloads, answers to the
// prefecture's letters and cancellation) and the operator's `/operateur/actes`. An act of another structure
// answers the French 404 page; a refused creation shows the form again with the field named.
import { Hono, type Context } from 'hono';
import { CSRF_FIELD, hasRole, isOperator, verifyCsrf } from '../../platform/auth/index.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewer, requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import { requestActAnswer } from '../answers/request-answer.ts';
import { invalidField, parseMetadata } from '../create/act-input.ts';
import { createAct, todayInParis } from '../create/create-act.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import { answerLate } from '../domain/letter-answers.ts';
import { daysLeft } from '../domain/legality-window.ts';
import { ACT_NATURES, type ActNature } from '../domain/natures.ts';
import { ACT_STATUSES, type ActStatus } from '../domain/statuses.ts';
import { listAgentActs } from '../queries/agent-acts.ts';
import { structuresWithSiren } from '../queries/agent-structures.ts';
import { currentClassification } from '../queries/classification.ts';
import { openActArchive } from '../queries/documents.ts';
import { getActDetail } from '../queries/find-act.ts';
import { transmissionHealth } from '../queries/transmission-health.ts';
import { markLetterRead } from '../requests/mark-letter-read.ts';
import { replyToLetter } from '../requests/reply-to-letter.ts';
import { requestCancellation } from '../requests/request-cancellation.ts';
import { WORKFLOW_UNREACHABLE } from '../requests/signal-agent.ts';
import { pdfResponse, sendStream } from '../routes.ts';
import { stampedPdfOfVisibleAct } from '../stamp/stamped-document.ts';
import { launchAfterCommit } from '../transmission/launch.ts';
import { discardUpload, receiveActUpload, type ReceivedActUpload } from '../upload/receive-act-upload.ts';
import {
  chosenAnnexes,
  FILE_FIELDS,
  formValues,
  metadataOf,
  problemOf,
  type ActFormValues,
  type FieldProblem,
  withoutFieldName,
} from './act-form.ts';
import { ActFormPage } from './act-form-page.tsx';
import { ActPage } from './act-page.tsx';
import { ACTS_PATH, actPath } from './act-parts.tsx';
import { ACTS_PAGE_SIZE, ActsListPage } from './acts-list-page.tsx';
import { HEALTH_PATH, HealthPage } from './health-page.tsx';
import { PIECE_FILE_FIELDS } from './pieces-form.tsx';
import { BatchPage, batchPath } from './batch-page.tsx';
import { DRAFTS_PATH, DraftsPage, meetingKey } from './drafts-page.tsx';
import { findVisibleBatch } from '../batches/find-batch.ts';
import { MAX_BATCH_ACTS, sendBatch } from '../batches/send-batch.ts';
import { startBatch } from '../batches/start-batch.ts';
import { deleteDraft } from '../create/drafts.ts';

const depsOf = (c: Context<AppEnv>) => c.get('deps') as ActsDeps;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const NOTICES: Record<string, string> = {
  cree: 'Acte enregistré : sa transmission à la préfecture est lancée.',
  brouillon: 'Brouillon enregistré : rien n’est transmis tant que vous ne l’envoyez pas.',
  reponse: 'Réponse enregistrée : elle part vers la préfecture.',
  lu: 'Courrier marqué comme lu.',
  annulation: 'Demande d’annulation enregistrée : elle part vers la préfecture.',
};

const agentStructures = (c: Context<AppEnv>, viewer: Viewer) =>
  structuresWithSiren(
    depsOf(c),
    structuresAs(viewer, 'agent').map((s) => s.id),
  );

async function showForm(
  c: Context<AppEnv>,
  viewer: Viewer,
  values: ActFormValues,
  problem?: FieldProblem,
  status: 200 | 400 | 409 | 413 | 415 | 422 = 200,
) {
  const mine = await agentStructures(c, viewer);
  const chosen = mine.find((s) => s.siren === values['structure']) ?? mine[0];
  const classification = chosen ? await currentClassification(depsOf(c).db, chosen.id) : undefined;
  return sendPage(
    c,
    <ActFormPage
      viewer={viewer}
      structures={mine}
      classification={classification?.tree}
      values={values}
      problem={problem}
    />,
    status,
  );
}

/** The act for its structure's agents (who may act) and the operators (who read); anyone else gets the 404. */
/**
 * A page form's multipart body streamed to the store, then its CSRF token checked (the token is one of its fields).
 * A refusal the user can fix (4xx) is returned to be shown on the page; a forged post leaves nothing stored.
 */
async function receiveFormUpload(
  c: Context<AppEnv>,
  fileFields: readonly string[],
): Promise<ReceivedActUpload | AppError> {
  const store = filesOf(depsOf(c));
  let upload: ReceivedActUpload;
  try {
    upload = await receiveActUpload(c.req.raw, store, { fileFields });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) return error;
    throw error;
  }
  try {
    verifyCsrf(c, upload.fields[CSRF_FIELD]?.[0]);
  } catch (error) {
    await discardUpload(store, upload);
    throw error;
  }
  return upload;
}

async function visibleAct(c: Context<AppEnv>, viewer: Viewer) {
  const act = await getActDetail(depsOf(c), viewer.actor, c.req.param('id') ?? '');
  const canAct = hasRole(viewer.actor, 'agent', act.structureId);
  if (!canAct && !isOperator(viewer.actor)) throw notFound('Acte');
  return { act, canAct };
}

// Any logged-in person: who is not an agent of the act's structure nor an operator gets the same 404.
const actViewer = (c: Context<AppEnv>) => requireViewer(c);

async function createFromForm(c: Context<AppEnv>, viewer: Viewer, upload: ReceivedActUpload) {
  const deps = depsOf(c);
  const values = formValues(upload.fields);
  const parts = upload.files;
  const annexes = chosenAnnexes(parts);
  try {
    const metadata = parseMetadata(metadataOf(values, annexes, values['structure'] || undefined), todayInParis(deps));
    const created = await createAct({
      ctx: { deps, actor: viewer.actor },
      input: {
        metadata,
        document: parts.find((p) => p.field === 'document'),
        annexes: annexes.map((a) => a.part),
      },
    });
    if (created.status === 'BROUILLON') return c.redirect(`${actPath(created.id)}?fait=brouillon`, 303);
    await launchAfterCommit(deps, created.id);
    return c.redirect(`${actPath(created.id)}?fait=cree`, 303);
  } catch (error) {
    await discardUpload(filesOf(deps), upload);
    if (error instanceof AppError && error.status < 500 && error.status !== 401 && error.status !== 403)
      return showForm(c, viewer, values, problemOf(error, annexes), error.status as 400);
    throw error;
  }
}

/** The drafts of the agent's collectivities, oldest meeting first (a batch holds at most MAX_BATCH_ACTS). */
async function listDrafts(c: Context<AppEnv>, viewer: Viewer) {
  const { items } = await listAgentActs(
    depsOf(c),
    structuresAs(viewer, 'agent').map((s) => s.id),
    { status: 'BROUILLON', page: 1, pageSize: MAX_BATCH_ACTS },
  );
  return items.sort(
    (a, b) =>
      (a.meetingDate ?? '9999').localeCompare(b.meetingDate ?? '9999') ||
      (a.meetingLabel ?? '').localeCompare(b.meetingLabel ?? '') ||
      a.number.localeCompare(b.number),
  );
}

/** Sends the drafts as one batch, starts their transmissions after the commit, and shows the batch. */
async function sendFromPage(c: Context<AppEnv>, viewer: Viewer, actIds: string[]) {
  const deps = depsOf(c);
  const batch = await sendBatch({ ctx: { deps, actor: viewer.actor }, input: { actIds } });
  if (!batch.replayed)
    await startBatch(
      deps,
      batch.acts.map((a) => a.id),
    );
  return c.redirect(`${batchPath(batch.id)}?fait=envoye`, 303);
}

async function showAct(
  c: Context<AppEnv>,
  viewer: Viewer,
  shown: { notice?: string; error?: string },
  status: 200 | 400 | 409 | 413 | 415 | 422 = 200,
) {
  const deps = depsOf(c);
  const { act, canAct } = await visibleAct(c, viewer);
  const now = deps.clock.now();
  const letters = act.letters.map((l) => ({
    ...l,
    late: answerLate(
      {
        code: l.code,
        receivedAt: new Date(l.receivedAt),
        replyRequestedAt: l.replyRequestedAt ? new Date(l.replyRequestedAt) : null,
      },
      now,
    ),
  }));
  const classification = await currentClassification(deps.db, act.structureId);
  const typologies = classification?.tree.natures.find((n) => n.code === act.nature)?.typologies ?? [];
  return sendPage(
    c,
    <ActPage viewer={viewer} act={act} letters={letters} canAct={canAct} typologies={typologies} {...shown} />,
    status,
  );
}

/** The 3-4: the collectivity's letter then the pieces, each with its typology (the nature's default when none). */
async function sendPieces(c: Context<AppEnv>, viewer: Viewer, upload: ReceivedActUpload) {
  const deps = depsOf(c);
  const { act } = await visibleAct(c, viewer);
  const fallback = ACT_NATURES[act.nature as ActNature]?.defaultTypology ?? '99_AU';
  const typology = (name: string) => (upload.fields[`typologie_${name}`]?.[0] ?? '').trim() || fallback;
  const pieces = PIECE_FILE_FIELDS.flatMap((field) => {
    const part = upload.files.find((p) => p.field === field);
    return part ? [{ part, typology: typology(field) }] : [];
  });
  try {
    if (pieces[0]?.part.field !== 'courrier')
      throw invalidField('courrier', 'le courrier de réponse (PDF) est obligatoire');
    await replyToLetter({
      ctx: { deps, actor: viewer.actor },
      input: { letterId: c.req.param('letterId') ?? '', code: '3-4', pieces },
    });
    return c.redirect(`${actPath(act.id)}?fait=reponse`, 303);
  } catch (error) {
    // Committed but not yet signalled: the pieces belong to the recorded reply.
    if (!(error instanceof AppError && error.code === WORKFLOW_UNREACHABLE)) await discardUpload(filesOf(deps), upload);
    if (error instanceof AppError && error.status < 500 && error.status !== 401 && error.status !== 403)
      return showAct(c, viewer, { error: withoutFieldName(error.message) }, error.status as 400);
    throw error;
  }
}

export const actPages = new Hono<AppEnv>()
  .get(ACTS_PATH, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const query = new URL(c.req.url).searchParams;
    const etat = query.get('etat') ?? '';
    const nature = query.get('nature') ?? '';
    const from = query.get('du') ?? '';
    const to = query.get('au') ?? '';
    const page = Math.min(100_000, Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1));
    const deps = depsOf(c);
    const { items, total } = await listAgentActs(
      deps,
      structuresAs(viewer, 'agent').map((s) => s.id),
      {
        status: (ACT_STATUSES as readonly string[]).includes(etat) ? (etat as ActStatus) : undefined,
        nature: /^[1-6]$/.test(nature) ? Number(nature) : undefined,
        text: (query.get('recherche') ?? '').trim().slice(0, 200) || undefined,
        from: DATE.test(from) ? from : undefined,
        to: DATE.test(to) ? to : undefined,
        lateOnly: query.get('en_retard') === '1',
        page,
        pageSize: ACTS_PAGE_SIZE,
      },
    );
    const today = parisDate(deps.clock.now());
    const listed = items.map((a) => ({
      ...a,
      daysLeft: a.windowEndsOn && a.status === 'ACQUITTE' ? daysLeft(a.windowEndsOn, today) : null,
    }));
    return sendPage(c, <ActsListPage viewer={viewer} items={listed} total={total} page={page} query={query} />);
  })
  .get(`${ACTS_PATH}/nouveau`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    return showForm(c, viewer, { nature: '1', date_decision: todayInParis(depsOf(c)) });
  })
  .post(`${ACTS_PATH}/nouveau`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const upload = await receiveFormUpload(c, FILE_FIELDS);
    if (upload instanceof AppError) return showForm(c, viewer, {}, problemOf(upload, []), upload.status as 400);
    return createFromForm(c, viewer, upload);
  })
  .get(`${ACTS_PATH}/:id{[0-9a-fA-F-]{36}}`, async (c) =>
    showAct(c, await actViewer(c), { notice: NOTICES[c.req.query('fait') ?? ''] }),
  )
  .get(`${ACTS_PATH}/:id/archive`, async (c) => {
    const viewer = await actViewer(c);
    const { act } = await visibleAct(c, viewer);
    return sendStream(c, await openActArchive(depsOf(c), viewer.actor, act.id));
  })
  .get(`${ACTS_PATH}/:id/tampon.pdf`, async (c) => {
    const viewer = await actViewer(c);
    const { act } = await visibleAct(c, viewer);
    return pdfResponse(await stampedPdfOfVisibleAct(depsOf(c), viewer.actor, act.id), 'attachment');
  })
  .post(`${ACTS_PATH}/:id/courriers/:letterId/reponse`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const form = await c.req.parseBody();
    verifyCsrf(c, form[CSRF_FIELD]);
    const { act } = await visibleAct(c, viewer);
    const code = typeof form['code'] === 'string' ? form['code'] : '';
    await requestActAnswer({
      ctx: { deps: depsOf(c), actor: viewer.actor },
      input: { actId: act.id, kind: 'reply', letterId: c.req.param('letterId'), code },
    });
    return c.redirect(`${actPath(act.id)}?fait=reponse`, 303);
  })
  .post(`${ACTS_PATH}/:id/courriers/:letterId/pieces`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const upload = await receiveFormUpload(c, PIECE_FILE_FIELDS);
    if (upload instanceof AppError) return showAct(c, viewer, { error: upload.message }, upload.status as 400);
    return sendPieces(c, viewer, upload);
  })
  .post(`${ACTS_PATH}/:id/courriers/:letterId/lu`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    verifyCsrf(c, (await c.req.parseBody())[CSRF_FIELD]);
    const { act } = await visibleAct(c, viewer);
    const letterId = c.req.param('letterId');
    if (!act.letters.some((l) => l.id === letterId)) throw notFound('Courrier de la préfecture');
    await markLetterRead({ ctx: { deps: depsOf(c), actor: viewer.actor }, input: { letterId } });
    return c.redirect(`${actPath(act.id)}?fait=lu`, 303);
  })
  .post(`${ACTS_PATH}/:id/annulation`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    verifyCsrf(c, (await c.req.parseBody())[CSRF_FIELD]);
    const { act } = await visibleAct(c, viewer);
    await requestCancellation({ ctx: { deps: depsOf(c), actor: viewer.actor }, input: { actId: act.id } });
    return c.redirect(`${actPath(act.id)}?fait=annulation`, 303);
  })
  .get(DRAFTS_PATH, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const query = new URL(c.req.url).searchParams;
    const drafts = await listDrafts(c, viewer);
    const seance = query.get('seance');
    const chosen = new Set(query.getAll('selection'));
    const selected = new Set(
      drafts.filter((d) => (seance !== null && meetingKey(d) === seance) || chosen.has(d.id)).map((d) => d.id),
    );
    const notice = query.get('fait') === 'supprime' ? 'Brouillon supprimé.' : undefined;
    return sendPage(c, <DraftsPage viewer={viewer} drafts={drafts} selected={selected} notice={notice} />);
  })
  .post(DRAFTS_PATH, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const form = await c.req.parseBody({ all: true });
    verifyCsrf(c, form[CSRF_FIELD]);
    const picked = [form['actes'] ?? []].flat().filter((v): v is string => typeof v === 'string');
    try {
      if (picked.length === 0) throw invalidField('actIds', 'cochez au moins un brouillon à transmettre');
      return await sendFromPage(c, viewer, picked);
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500 || error.status === 401 || error.status === 403)
        throw error;
      const drafts = await listDrafts(c, viewer);
      return sendPage(
        c,
        <DraftsPage
          viewer={viewer}
          drafts={drafts}
          selected={new Set(picked)}
          error={withoutFieldName(error.message)}
        />,
        error.status as 400,
      );
    }
  })
  .get(`${ACTS_PATH}/lots/:id`, async (c) => {
    const viewer = await requireViewer(c);
    const batch = await findVisibleBatch(depsOf(c), viewer.actor, c.req.param('id'));
    if (!hasRole(viewer.actor, 'agent', batch.structureId) && !isOperator(viewer.actor)) throw notFound('Lot');
    const notice =
      c.req.query('fait') === 'envoye' ? 'Lot enregistré : chaque acte part vers la préfecture.' : undefined;
    return sendPage(c, <BatchPage viewer={viewer} batch={batch} notice={notice} />);
  })
  .post(`${ACTS_PATH}/:id/transmettre`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    verifyCsrf(c, (await c.req.parseBody())[CSRF_FIELD]);
    const { act } = await visibleAct(c, viewer);
    try {
      return await sendFromPage(c, viewer, [act.id]);
    } catch (error) {
      if (error instanceof AppError && error.status < 500 && error.status !== 401 && error.status !== 403)
        return showAct(c, viewer, { error: withoutFieldName(error.message) }, error.status as 400);
      throw error;
    }
  })
  .post(`${ACTS_PATH}/:id/supprimer`, async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    verifyCsrf(c, (await c.req.parseBody())[CSRF_FIELD]);
    const { act } = await visibleAct(c, viewer);
    await deleteDraft({ ctx: { deps: depsOf(c), actor: viewer.actor }, input: { actId: act.id } });
    return c.redirect(`${DRAFTS_PATH}?fait=supprime`, 303);
  })
  .get(HEALTH_PATH, async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return sendPage(c, <HealthPage viewer={viewer} health={await transmissionHealth(depsOf(c))} />);
  });
