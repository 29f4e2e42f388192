import { stringifyWithAmounts } from './json-amount.ts';
// The Chorus Pro-compatible API: same paths, POST JSON bodies, `codeRetour`/`libelle`, and PISTE's refusals.
// Mounted at the root next to the token endpoint `/api/oauth/token` of the auth module, which it shares.
import { Hono, type Context } from 'hono';
import type { AppError } from '../../platform/errors.ts';
import type { AppDeps } from '../../platform/http.ts';
import { PATHS } from '../domain/api-contract.ts';
import { authenticateMirror } from './authenticate.ts';
import { consultInvoice } from './factures/consult.ts';
import { submitInvoice } from './factures/submit-invoice.ts';
import { depositPdf } from './factures/deposit-pdf.ts';
import { searchEngagements } from './factures/search-engagements.ts';
import { searchWorksInvoices } from './factures/search-works.ts';
import { siretInformation } from './transverses/siret-information.ts';
import { completeInvoice, recycleInvoice } from './factures/supplier-actions.ts';
import { downloadInvoices } from './factures/download.ts';
import { invoiceHistory } from './factures/history.ts';
import { processReceivedInvoice } from './factures/process-received.ts';
import { searchRecipientInvoices } from './factures/search-recipient.ts';
import { searchSupplierInvoices } from './factures/search-supplier.ts';
import { depositFlux } from './flux/deposit-flux.ts';
import { fluxReport } from './flux/flux-report.ts';
import { MirrorRefusal, refusalOf } from './refusal.ts';
import type { MirrorEnv, MirrorSession } from './session.ts';
import { consultStructure, consultStructureService, searchStructureServices } from './structures/consult.ts';
import { searchChorusStructures } from './structures/search.ts';
import { activeStructures } from './transverses/active-structures.ts';
import { fluxSummary } from './transverses/flux-summary.ts';
import { recipientDirectory } from './transverses/recipient-directory.ts';
import { possibleProcessingStates, statesOfPaymentRequestType } from './transverses/processing-states.ts';
import { REFERENCE_LISTS, type ReferenceList } from './transverses/reference-lists.ts';

type Operation = (deps: AppDeps, session: MirrorSession, body: Record<string, unknown>) => Promise<object> | object;

async function jsonBody(c: Context<MirrorEnv>): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw new MirrorRefusal(20001, 'Le corps de la requête doit être un objet JSON.');
}

/** A refusal of the request guard (body too large, forbidden character), answered as Chorus answers. */
export function answerMirrorRefusal(c: Context, error: AppError): Response {
  const refusal = refusalOf(error);
  return c.json({ codeRetour: refusal.codeRetour, libelle: refusal.libelle }, refusal.status);
}

async function answer(c: Context<MirrorEnv>, run: () => Promise<object> | object) {
  try {
    const body = stringifyWithAmounts(await run());
    return c.body(body, 200, { 'Content-Type': 'application/json' });
  } catch (error) {
    const refusal = refusalOf(error);
    return c.json({ codeRetour: refusal.codeRetour, libelle: refusal.libelle }, refusal.status);
  }
}

const transverses = (path: string) => `/cpro/transverses/v1/${path}`;

const OPERATIONS: [string, Operation][] = [
  [
    PATHS.deposerFlux,
    (deps, session, body) =>
      depositFlux(deps, session, body as { fichierFlux: unknown; nomFichier: unknown; syntaxeFlux: unknown }),
  ],
  [PATHS.deposerPdf, depositPdf],
  [PATHS.soumettre, submitInvoice],
  [PATHS.rechercherFournisseur, searchSupplierInvoices],
  [PATHS.rechercherRecipiendaire, searchRecipientInvoices],
  [PATHS.consulterFournisseur, (deps, session, body) => consultInvoice(deps, session, body, 'supplier')],
  [PATHS.consulterRecipiendaire, (deps, session, body) => consultInvoice(deps, session, body, 'accountant')],
  [PATHS.consulterHistorique, invoiceHistory],
  [PATHS.traiterRecue, processReceivedInvoice],
  [PATHS.completer, completeInvoice],
  [PATHS.recycler, recycleInvoice],
  [PATHS.telechargerGroupe, downloadInvoices],
  [PATHS.consulterCRDetaille, (deps, session, body) => fluxReport(deps, session, body.numeroFluxDepot)],
  [PATHS.consulterCR, fluxSummary],
  [
    transverses('recuperer/structures/actives/fournisseur'),
    (deps, session) => activeStructures(deps, session, 'fournisseur'),
  ],
  [
    transverses('recuperer/structures/actives/destinataire'),
    (deps, session) => activeStructures(deps, session, 'destinataire'),
  ],
  [transverses('telecharger/annuaire/destinataire'), (deps) => recipientDirectory(deps)],
  [transverses('recuperer/etats/traitement'), (_deps, _session, body) => possibleProcessingStates(body)],
  [transverses('recuperer/etat/typedp'), () => statesOfPaymentRequestType()],
  // GO spells it `modedepot`; the plural is accepted as well.
  [transverses('recuperer/modesdepot'), () => REFERENCE_LISTS.modedepot()],
  [PATHS.consulterInformationSiret, (deps, _session, body) => siretInformation(deps, body)],
  [PATHS.rechercherEngagements, searchEngagements],
  [PATHS.rechercherFacturesTravaux, (_deps, session) => searchWorksInvoices(session)],
  ...(Object.keys(REFERENCE_LISTS) as ReferenceList[]).map((name): [string, Operation] => [
    transverses(`recuperer/${name}`),
    () => REFERENCE_LISTS[name](),
  ]),
  [PATHS.rechercherStructure, searchChorusStructures],
  [PATHS.consulterStructure, (deps, _session, body) => consultStructure(deps, body)],
  [PATHS.rechercherServices, (deps, _session, body) => searchStructureServices(deps, body)],
  [PATHS.consulterService, (deps, _session, body) => consultStructureService(deps, body)],
];

export const chorusMirrorRoutes = new Hono<MirrorEnv>();
chorusMirrorRoutes.use('/cpro/*', authenticateMirror());
chorusMirrorRoutes.get(PATHS.healthCheck, (c) => c.json({ body: 'OK', statusCodeValue: 200, statusCode: 'OK' }, 200));
for (const [path, operation] of OPERATIONS) {
  chorusMirrorRoutes.post(path, (c) =>
    answer(c, async () => operation(c.get('deps'), c.get('chorus'), await jsonBody(c))),
  );
}
// As PISTE: a path outside the subscription is forbidden, with an empty body.
chorusMirrorRoutes.all('/cpro/*', (c) => c.body(null, 403));
