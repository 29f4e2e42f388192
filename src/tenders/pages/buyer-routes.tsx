// The buyer's pages (its agents; the operator reads): the list, the draft form, the follow-up page and its actions
// (publish, documents, answers, opening, award), the opened bids' files; the operator's list of consultations
// waiting to be opened. A consultation of another buyer is the French 404 page.
import { Hono, type Context } from 'hono';
import type { Child } from 'hono/jsx';
import { CSRF_FIELD, hasRole, verifyCsrf } from '../../platform/auth/index.ts';
import { AppError } from '../../platform/errors.ts';
import { receiveUpload } from '../../platform/files/index.ts';
import type { AppEnv } from '../../platform/http.ts';
import { formatDateTime } from '../../web/format.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { structuresAs, type Viewer } from '../../web/viewer.ts';
import { awardLot } from '../award/award-lot.ts';
import { contractReports, notificationTarget, notifyContract } from '../award/notify-contract.ts';
import { buyerConsultations, consultationsAwaitingOpening } from '../consultations/buyer-consultations.ts';
import { draftConsultation } from '../consultations/draft-consultation.ts';
import { followUp } from '../consultations/follow-up.ts';
import { publishConsultation } from '../consultations/publish-consultation.ts';
import { readConsultation } from '../consultations/read-consultation.ts';
import { addDocument } from '../documents/add-document.ts';
import { openBids } from '../opening/open-bids.ts';
import { readBidFile } from '../opening/read-bid-file.ts';
import { answerQuestion } from '../questions/questions.ts';
import { streamFile } from '../routes-follow-up.ts';
import { BuyerListPage, UnopenedPage } from './buyer-list-page.tsx';
import { DraftPage } from './draft-page.tsx';
import { formFieldOf, readDraftForm } from './draft-form.ts';
import { FollowPage } from './follow-page.tsx';
import { fieldErrorsOf } from './form-errors.ts';
import { parisLocalInstant } from './paris-input.ts';

type Status = 200 | 400 | 403 | 409 | 413 | 415 | 422;

async function showFollow(
  c: Context<AppEnv>,
  viewer: Viewer,
  outcome: { done?: Child; error?: AppError; contractLot?: number } = {},
): Promise<Response> {
  const deps = c.get('deps');
  const id = c.req.param('id') ?? '';
  // followUp first: it answers 404 to anyone but the buyer's agents and the operator.
  const follow = await followUp(deps, viewer.actor, id);
  const view = await readConsultation(deps, viewer.actor, id);
  const contracts = await contractReports(deps, view.id);
  const contractError =
    outcome.error && outcome.contractLot !== undefined
      ? { lot: outcome.contractLot, message: outcome.error.message }
      : undefined;
  return sendPage(
    c,
    <FollowPage
      viewer={viewer}
      view={view}
      follow={follow}
      now={deps.clock.now()}
      canAct={hasRole(viewer.actor, 'agent', view.buyer.id)}
      done={outcome.done}
      error={outcome.error?.message}
      contracts={contracts}
      contractError={contractError}
    />,
    (outcome.error?.status ?? 200) as Status,
  );
}

/** Runs an action of the follow-up page: its outcome, or its refusal shown at the top of the page. */
async function act(
  c: Context<AppEnv>,
  run: (viewer: Viewer) => Promise<Child>,
  contractLot?: number,
): Promise<Response> {
  const viewer = await requireViewerWith(c, 'agent');
  try {
    return await showFollow(c, viewer, { done: await run(viewer) });
  } catch (error) {
    if (error instanceof AppError && error.status < 500 && error.status !== 401 && error.status !== 404)
      return showFollow(c, viewer, { error, ...(contractLot !== undefined ? { contractLot } : {}) });
    throw error;
  }
}

async function checkedForm(c: Context<AppEnv>): Promise<Record<string, string>> {
  const form = await c.req.parseBody();
  verifyCsrf(c, form[CSRF_FIELD]);
  const fields: Record<string, string> = {};
  for (const [k, v] of Object.entries(form)) if (typeof v === 'string') fields[k] = v.trim();
  return fields;
}

function deadlineField(text: string | undefined): Date | undefined {
  if (!text) return undefined;
  const at = parisLocalInstant(text);
  if (!at)
    throw new AppError('VALIDATION_FAILED', 'Nouvelle date limite : date et heure attendues (heure de Paris).', 400, {
      field: 'nouvelleDateLimite',
    });
  return at;
}

const moved = (r: { moved: boolean; newDeadline?: string }) =>
  r.moved && r.newDeadline ? ` La date limite est reportée au ${formatDateTime(r.newDeadline)}.` : '';

export const buyerTenderPages = new Hono<AppEnv>()
  .get('/acheteur/consultations', async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    return sendPage(c, <BuyerListPage viewer={viewer} rows={await buyerConsultations(c.get('deps'), viewer.actor)} />);
  })
  .get('/acheteur/consultations/nouvelle', async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    return sendPage(
      c,
      <DraftPage viewer={viewer} buyers={structuresAs(viewer, 'agent')} values={{ duree: '12' }} errors={{}} />,
    );
  })
  .post('/acheteur/consultations/nouvelle', async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const { values, input } = readDraftForm(await checkedForm(c));
    try {
      const { id } = await draftConsultation({ ctx: { deps: c.get('deps'), actor: viewer.actor }, input });
      return c.redirect(`/acheteur/consultations/${id}`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error, formFieldOf, 'reference');
      if (!errors) throw error;
      return sendPage(
        c,
        <DraftPage viewer={viewer} buyers={structuresAs(viewer, 'agent')} values={values} errors={errors} />,
        (error as AppError).status as Status,
      );
    }
  })
  .get('/acheteur/consultations/:id', async (c) => showFollow(c, await requireViewerWith(c, 'agent', 'operator')))
  .post('/acheteur/consultations/:id/publication', (c) =>
    act(c, async (viewer) => {
      await checkedForm(c);
      const r = await publishConsultation({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: { consultationId: c.req.param('id') },
      });
      return `Consultation publiée le ${formatDateTime(r.publishedAt)} : elle est visible de tous et reçoit les plis.`;
    }),
  )
  .post('/acheteur/consultations/:id/documents', (c) =>
    act(c, async (viewer) => {
      const deps = c.get('deps');
      if (!deps.files)
        throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers est indisponible.', 503);
      const { file, fields } = await receiveUpload(c.req.raw, { store: deps.files, kind: 'tender_document' });
      try {
        verifyCsrf(c, fields[CSRF_FIELD]);
        const newDeadline = deadlineField(fields['nouvelleDateLimite']);
        const r = await addDocument({
          ctx: { deps, actor: viewer.actor },
          input: {
            consultationId: c.req.param('id'),
            fileId: file.id,
            name: fields['nom']?.trim() || file.fileName,
            significant: fields['important'] === 'true',
            ...(newDeadline ? { newDeadline } : {}),
          },
        });
        return `Document en ligne (version ${r.version}) ; ${r.told} entreprise(s) prévenue(s).${moved(r)}`;
      } catch (error) {
        await deps.files.delete(file.id).catch(() => undefined);
        throw error;
      }
    }),
  )
  .post('/acheteur/consultations/:id/questions/:questionId/reponse', (c) =>
    act(c, async (viewer) => {
      const form = await checkedForm(c);
      const newDeadline = deadlineField(form['nouvelleDateLimite']);
      const r = await answerQuestion({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: {
          consultationId: c.req.param('id'),
          questionId: c.req.param('questionId'),
          answer: form['reponse'] ?? '',
          ...(newDeadline ? { newDeadline } : {}),
        },
      });
      return `Réponse publiée ; ${r.told} entreprise(s) prévenue(s).${moved(r)}`;
    }),
  )
  .post('/acheteur/consultations/:id/ouverture', (c) =>
    act(c, async (viewer) => {
      await checkedForm(c);
      const report = await openBids({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: { consultationId: c.req.param('id') },
      });
      const altered = report.deposits.filter((d) => d.integrity === 'altere').length;
      return `Plis ouverts le ${formatDateTime(report.openedAt)} : ${report.deposits.length} pli(s)${altered ? `, dont ${altered} altéré(s)` : ', tous intacts'}.`;
    }),
  )
  .post('/acheteur/consultations/:id/lots/:lot/attribution', (c) =>
    act(c, async (viewer) => {
      const form = await checkedForm(c);
      const r = await awardLot({
        ctx: { deps: c.get('deps'), actor: viewer.actor },
        input: {
          consultationId: c.req.param('id'),
          lotNumber: Number(c.req.param('lot')),
          depositId: form['pli'] ?? '',
          amount: (form['montant'] ?? '').replace(/\s/g, '').replace(',', '.'),
          reasons: form['motifs'] ?? '',
        },
      });
      const rejected = r.letters.filter((l) => l.kind === 'rejet').length;
      return `Lot ${c.req.param('lot')} attribué. Lettres envoyées : 1 d’attribution, ${rejected} de rejet. Fin du délai de suspension : ${formatDateTime(r.standstillEndsAt)}.`;
    }),
  )
  .post('/acheteur/consultations/:id/lots/:lot/notification', (c) => {
    const lotNumber = Number(c.req.param('lot'));
    return act(
      c,
      async (viewer) => {
        const deps = c.get('deps');
        const input = { consultationId: c.req.param('id'), lotNumber };
        // Refused during the standstill before the contract is read.
        await notificationTarget(deps, viewer.actor, input);
        if (!deps.files)
          throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers est indisponible.', 503);
        const { file, fields } = await receiveUpload(c.req.raw, {
          store: deps.files,
          kind: 'attachment',
          fieldName: 'contrat',
        });
        try {
          verifyCsrf(c, fields[CSRF_FIELD]);
          const r = await notifyContract({ ctx: { deps, actor: viewer.actor }, input: { ...input, fileId: file.id } });
          const warnings = r.report.avertissements.length;
          return `Signature vérifiée, lot ${lotNumber} notifié le ${formatDateTime(r.notifiedAt)}${warnings ? ` (${warnings} avertissement${warnings > 1 ? 's' : ''} au rapport)` : ''}.`;
        } catch (error) {
          // A checked contract stays with its report; an unread one is removed.
          await deps.files.delete(file.id).catch(() => undefined);
          throw error;
        }
      },
      lotNumber,
    );
  })
  .get('/acheteur/consultations/:id/plis/:depositId/fichiers/:fileId', async (c) => {
    const viewer = await requireViewerWith(c, 'agent');
    const file = await readBidFile({
      ctx: { deps: c.get('deps'), actor: viewer.actor },
      input: { consultationId: c.req.param('id'), depositId: c.req.param('depositId'), fileId: c.req.param('fileId') },
    });
    return streamFile(c, file.stream, 'application/octet-stream', file.fileName, file.size);
  })
  .get('/operateur/consultations-a-ouvrir', async (c) => {
    const viewer = await requireViewerWith(c, 'operator');
    return sendPage(
      c,
      <UnopenedPage viewer={viewer} rows={await consultationsAwaitingOpening(c.get('deps'), viewer.actor)} />,
    );
  });
