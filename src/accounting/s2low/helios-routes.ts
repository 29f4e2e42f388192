// S²LOW's Hélios API under its own paths, for the ordonnateurs' software and Pastell's S2low connector: import a
// PES Aller, read its status (S²LOW status numbers), download its acquit, list the unread PES_Retour, fetch one,
// mark it read. Same parameters and answers as S²LOW (see README.md); callers authenticate as S²LOW clients do.
import { Hono, type Context } from 'hono';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { s2lowAuth, s2lowKo, type S2lowAuthSettings } from '../../platform/auth/s2low/index.ts';
import { depositingStructures } from '../deposit/deposit-pes.ts';
import { depositUploadedPes } from '../deposit/deposit-upload.ts';
import type { CheckIssue } from '../domain/check-issue.ts';
import { S2LOW_STATUS_LABELS } from '../domain/statuses.ts';
import {
  findVisibleFlow,
  findVisibleRetour,
  openFlowAcquit,
  openRetour,
  s2lowStatusOf,
  unreadRetours,
} from '../queries/flow-views.ts';
import { markRetourRead } from '../returns/mark-retour-read.ts';
import { sendFile } from '../routes.ts';
import type { AccountingDeps } from '../settings.ts';
import { domAnswer, latin1Answer } from './xml-answers.ts';

const API = '/modules/helios/api';
export const HELIOS_S2LOW_PATHS = {
  import: `${API}/helios_importer_fichier.php`,
  status: `${API}/helios_transac_get_status.php`,
  acquit: '/modules/helios/helios_download_acquit.php',
  list: `${API}/helios_get_list.php`,
  retour: `${API}/helios_get_retour.php`,
  changeStatus: `${API}/helios_change_status.php`,
} as const;

const deps = (c: Context<AppEnv>) => c.get('deps') as AccountingDeps;
/** S²LOW reads ids with (int): "12abc" is 12, "abc" is 0 (absent). */
const intParam = (value: string | undefined): number => {
  const n = Number.parseInt(value ?? '', 10);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
};
const messageOf = (error: unknown): string => {
  if (error instanceof AppError) return error.message;
  throw error;
};
/** Paris wall-clock time as S²LOW writes dates: `YYYY-MM-DD HH:MM:SS`. */
const parisDateTime = (d: Date): string =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(d);

function statusMessage(status: number, issues: CheckIssue[]): string {
  const label = S2LOW_STATUS_LABELS[status] ?? `Statut ${status}`;
  if (issues.length === 0) return label;
  const shown = issues.slice(0, 5).map((i) => i.message);
  const more = issues.length > shown.length ? ` (et ${issues.length - shown.length} autre(s))` : '';
  return `${label} : ${shown.join(' ; ')}${more}`;
}

/** A refusal of the request guard before the import runs (a declared length far over the cap), in S²LOW's XML. */
export function answerHeliosImportRefusal(c: Context, error: AppError): Response {
  return domAnswer(c, 'import', [
    ['id', ''],
    ['resultat', 'KO'],
    ['message', error.message],
  ]);
}

export function heliosS2lowRoutes(settings: S2lowAuthSettings): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.use('/modules/helios/*', s2lowAuth(settings));

  routes.post(HELIOS_S2LOW_PATHS.import, async (c) => {
    try {
      const result = await depositUploadedPes(deps(c), c.get('actor'), c.req.raw, {
        field: 'enveloppe',
        channel: 's2low',
      });
      if (result.refusal)
        return domAnswer(c, 'import', [
          ['id', result.transactionNumber],
          ['resultat', 'KO'],
          ['message', result.refusal.message],
        ]);
      return domAnswer(c, 'import', [
        ['id', result.transactionNumber],
        ['resultat', 'OK'],
        ['message', 'Téléchargement du fichier réussi.'],
      ]);
    } catch (error) {
      return domAnswer(c, 'import', [
        ['id', ''],
        ['resultat', 'KO'],
        ['message', messageOf(error)],
      ]);
    }
  });

  routes.get(HELIOS_S2LOW_PATHS.status, async (c) => {
    const transaction = intParam(c.req.query('transaction'));
    const answer = (resultat: string, message: string, status: number | '' = '') =>
      latin1Answer(c, 'transaction', [
        ['id', transaction],
        ['resultat', resultat],
        ['message', message],
        ['status', status],
      ]);
    if (!transaction) return answer('KO', 'Pas de numéro de transaction.');
    try {
      const flow = await findVisibleFlow(deps(c), c.get('actor'), { transactionNumber: transaction });
      const status = s2lowStatusOf(flow);
      return answer('OK', statusMessage(status, (flow.issues as CheckIssue[] | null) ?? []), status);
    } catch (error) {
      return answer(
        'KO',
        error instanceof AppError && error.status === 404 ? 'Numéro de transaction invalide' : messageOf(error),
      );
    }
  });

  routes.get(HELIOS_S2LOW_PATHS.acquit, async (c) => {
    const id = intParam(c.req.query('id'));
    if (!id) return s2lowKo(c, 'Id non trouvé', 400);
    try {
      const flow = await findVisibleFlow(deps(c), c.get('actor'), { transactionNumber: id });
      const opened = await openFlowAcquit(deps(c), flow);
      return sendFile(c, { stream: opened.stream, size: opened.file.size }, opened.remoteName, 'text/xml');
    } catch (error) {
      const status = error instanceof AppError && error.status === 404 ? 404 : 400;
      return s2lowKo(c, messageOf(error), status);
    }
  });

  routes.get(HELIOS_S2LOW_PATHS.list, async (c) => {
    const actor = c.get('actor');
    const mine = actor ? depositingStructures(actor) : [];
    const head = (resultat: string, message: string): [string, string][] => [
      ['idColl', mine.length === 1 ? (mine[0] ?? '') : ''],
      ['resultat', resultat],
      ['message', message],
      ['dateDemande', parisDateTime(deps(c).clock.now())],
    ];
    try {
      const rows = await unreadRetours(deps(c), actor);
      return domAnswer(c, 'liste', [
        ...head('OK', 'Liste réussie.'),
        ['pes_retour', rows.map((r) => ({ id: r.number, nom: r.remoteName, date: parisDateTime(r.createdAt) }))],
      ]);
    } catch (error) {
      return domAnswer(c, 'liste', head('KO', messageOf(error)));
    }
  });

  routes.get(HELIOS_S2LOW_PATHS.retour, async (c) => {
    const raw = c.req.query('id') ?? '';
    try {
      const row = await findVisibleRetour(deps(c), c.get('actor'), intParam(raw));
      const opened = await openRetour(deps(c), row);
      return sendFile(c, { stream: opened.stream, size: opened.file.size }, row.remoteName, 'text/xml');
    } catch (error) {
      return domAnswer(c, 'get_retour', [
        ['id', raw],
        ['resultat', 'KO'],
        [
          'message',
          error instanceof AppError && error.status === 404
            ? "L'identifiant de retour n'est pas correct."
            : messageOf(error),
        ],
      ]);
    }
  });

  routes.get(HELIOS_S2LOW_PATHS.changeStatus, async (c) => {
    const raw = c.req.query('id') ?? '';
    const answer = (resultat: string, message: string) =>
      domAnswer(c, 'transaction', [
        ['idRetour', raw],
        ['resultat', resultat],
        ['message', message],
      ]);
    if (!intParam(raw)) return answer('KO', "L'identifiant de retour est vide ou incorrect.");
    try {
      await markRetourRead({ ctx: { deps: deps(c), actor: c.get('actor') }, input: { number: intParam(raw) } });
      return answer('OK', 'Statut changé : le PES_Retour est marqué comme lu.');
    } catch (error) {
      return answer(
        'KO',
        error instanceof AppError && error.status === 404
          ? "L'identifiant de retour est vide ou incorrect."
          : messageOf(error),
      );
    }
  });

  return routes;
}
