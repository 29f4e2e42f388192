// How large a body each route of the hub may receive, read by the request guard of src/platform/request-guard.ts
// before any route runs. Anonymous forms get a few kilobytes, JSON and forms a megabyte, deposits their own size.
import type { Context } from 'hono';
import { accountingSettings, answerHeliosImportRefusal, pesTooLarge, type AccountingDeps } from './accounting/index.ts';
import { answerMirrorRefusal } from './chorus/index.ts';
import { MAX_ATTACHMENTS, MAX_ATTACHMENT_BYTES, maxDepositBytes } from './invoices/index.ts';
import { AppError } from './platform/errors.ts';
import type { AppEnv } from './platform/http.ts';
import type { BodyRule, GuardOptions } from './platform/request-guard.ts';

const KB = 1024;
const MB = 1024 * KB;
/** Room for a multipart envelope or a JSON wrapper around a file. */
const ENVELOPE = 64 * KB;

// One envelope more than the deposit routes allow themselves, so that their own, more precise refusal answers first.
const deposit = (c: Context<AppEnv>): number => maxDepositBytes(c.get('deps')) + 2 * ENVELOPE;
/** A file sent in base64 inside JSON is a third larger. */
const depositInBase64 = (c: Context<AppEnv>): number => Math.ceil((maxDepositBytes(c.get('deps')) * 4) / 3) + ENVELOPE;
/** Every attachment at its largest, plus one file's worth for the form around them (the form page's own limit). */
const attachments = (MAX_ATTACHMENTS + 1) * MAX_ATTACHMENT_BYTES + 2 * ENVELOPE;

const ANONYMOUS_FORM = 16 * KB;

const pesFlowTooLarge = (c: Context<AppEnv>): AppError =>
  pesTooLarge(accountingSettings(c.get('deps') as AccountingDeps).maxFileBytes);

/** A deposit far over the limit is refused here, before its route: in the words the route would use. */
const depositTooLarge = (c: Context<AppEnv>): AppError =>
  new AppError(
    'FILE_TOO_LARGE',
    `Le fichier dépasse la taille maximale d’une facture déposée (${Math.floor(maxDepositBytes(c.get('deps')) / MB)} Mo).`,
    413,
  );

export const REQUEST_LIMITS: GuardOptions = {
  defaultMaxBytes: 1 * MB,
  rules: [
    // Reached before anyone is known: a login or a token request is a few hundred bytes.
    { method: 'POST', path: '/connexion', maxBytes: ANONYMOUS_FORM },
    { method: 'POST', path: '/connexion/debloquer', maxBytes: ANONYMOUS_FORM },
    { method: 'POST', path: '/auth/login', maxBytes: ANONYMOUS_FORM },
    { method: 'POST', path: '/api/oauth/token', maxBytes: ANONYMOUS_FORM },
    // Deposits and attachments: the routes count the file itself against its own limit too.
    { method: 'POST', path: '/api/invoices', maxBytes: deposit, tooLarge: depositTooLarge },
    { method: 'POST', path: '/factures/deposer', maxBytes: deposit, tooLarge: depositTooLarge },
    { method: 'POST', path: '/factures/saisir', maxBytes: attachments },
    { method: 'POST', path: /^\/api\/invoices\/[^/]+\/supplier-actions$/, maxBytes: attachments },
    { method: 'POST', path: /^\/factures\/[^/]+\/completer$/, maxBytes: attachments },
    ...mirror(),
    ...streamedUploads(),
  ],
};

function mirror(): BodyRule[] {
  const common = { method: 'POST', jsonWhateverType: true, answer: answerMirrorRefusal } as const;
  return [
    { ...common, path: '/cpro/factures/v1/deposer/flux', maxBytes: depositInBase64 },
    { ...common, path: '/cpro/factures/v1/deposer/pdf', maxBytes: depositInBase64 },
    { ...common, path: '/cpro/*', maxBytes: 1 * MB },
  ];
}

/**
 * Uploads the routes stream to the file store themselves, counting every file against its kind's cap: never
 * buffered here, only cut at an outer bound (an act and its annexes; a DCE document; a bid of several files).
 */
function streamedUploads(): BodyRule[] {
  const GB = 1024 * MB;
  return [
    // Above the route's own 150 MiB cap (it answers first, naming the act's limit); the envelope is small.
    { method: 'POST', path: '/api/acts', streamed: true, maxBytes: 152 * MB },
    { method: 'POST', path: '/actes/nouveau', streamed: true, maxBytes: 152 * MB },
    { method: 'POST', path: /^\/actes\/[^/]+\/courriers\/[^/]+\/pieces$/, streamed: true, maxBytes: 152 * MB },
    {
      method: 'POST',
      path: /^\/api\/tenders\/consultations\/[^/]+\/documents$/,
      streamed: true,
      maxBytes: GB + ENVELOPE,
    },
    {
      method: 'POST',
      path: /^\/api\/tenders\/consultations\/[^/]+\/lots\/[^/]+\/deposits$/,
      streamed: true,
      maxBytes: 8 * GB,
    },
    // A resumable bid upload's PATCH: the route seals and stores it segment by segment within the file's length.
    { method: 'PATCH', path: /^\/api\/tenders\/uploads\/[^/]+$/, streamed: true, maxBytes: GB + ENVELOPE },
    // The same two uploads from the tender room's pages.
    { method: 'POST', path: /^\/acheteur\/consultations\/[^/]+\/documents$/, streamed: true, maxBytes: GB + ENVELOPE },
    { method: 'POST', path: /^\/consultations\/[^/]+\/lots\/[^/]+\/depot$/, streamed: true, maxBytes: 8 * GB },
    // The S²LOW-compatible create and reply take the same files as /api/acts.
    { method: 'POST', path: '/modules/actes/actes_transac_create.php', streamed: true, maxBytes: 152 * MB },
    { method: 'POST', path: '/modules/actes/actes_transac_reponse_create.php', streamed: true, maxBytes: 152 * MB },
    // A PES Aller: the route cuts it at 128 MiB in its own words; the guard only bounds the envelope above that,
    // refusing in the route's words too (S²LOW's XML for its import).
    { method: 'POST', path: '/api/accounting/flows', streamed: true, maxBytes: 130 * MB, tooLarge: pesFlowTooLarge },
    {
      method: 'POST',
      path: '/modules/helios/api/helios_importer_fichier.php',
      streamed: true,
      maxBytes: 130 * MB,
      tooLarge: pesFlowTooLarge,
      answer: answerHeliosImportRefusal,
    },
    // A PES Aller: the deposit verb refuses past 128 MiB, the accounting_flow kind at 150 MiB.
    { method: 'POST', path: '/flux-comptables/deposer', streamed: true, maxBytes: 152 * MB },
  ];
}
