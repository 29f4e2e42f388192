// The S²LOW-compatible ACTES API: S²LOW's own paths, parameters and answers (plain text `OK`/`KO` in ISO-8859-1,
// JSON where S²LOW answers JSON), so that client software written for S²LOW (a Pastell connector) works against
// the hub unchanged. Each path maps to a verb or a query of the acts module; README.md lists them with sources.
import { Hono, type Context } from 'hono';
import { stream } from 'hono/streaming';
import type { Readable } from 'node:stream';
import {
  latin1,
  s2lowActor,
  s2lowAuth,
  s2lowKo,
  s2lowOk,
  s2lowText,
  type S2lowAuthSettings,
} from '../../platform/auth/s2low/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requestClassification } from '../classification/request-classification.ts';
import { invalidField } from '../create/act-input.ts';
import { chooseStructure, createAct, todayInParis } from '../create/create-act.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import type { ReplyCode } from '../domain/messages.ts';
import { retourClassificationXml } from '../domain/ministry-messages.ts';
import { currentClassification } from '../queries/classification.ts';
import { markLetterRead } from '../requests/mark-letter-read.ts';
import { replyToLetter } from '../requests/reply-to-letter.ts';
import { requestCancellation } from '../requests/request-cancellation.ts';
import { WORKFLOW_UNREACHABLE } from '../requests/signal-agent.ts';
import { launchAfterCommit } from '../transmission/launch.ts';
import { discardUpload, receiveActUpload } from '../upload/receive-act-upload.ts';
import { bordereauPdf } from './bordereau.ts';
import { createMetadata, field, fieldList } from './create-form.ts';
import { downloadFile, filesList } from './files.ts';
import { letterArchive, unreadLetters } from './letters.ts';
import { countActs, listActs, readListQuery } from './list-acts.ts';
import { stampedDocument } from './stamped-document.ts';
import {
  acknowledgementXml,
  actPiecesOf,
  actS2lowStatus,
  findTransaction,
  invalidTransaction,
  letterS2lowStatus,
} from './transactions.ts';

const depsOf = (c: Context<AppEnv>) => c.get('deps') as ActsDeps;

/** The hub's field names in a refusal, told in the S²LOW names the client sent. */
const S2LOW_FIELDS: Record<string, string> = {
  nature: 'nature_code',
  classification: 'classif1',
  decisionDate: 'decision_date',
  object: 'subject',
  documentType: 'type_acte',
  document: 'acte_pdf_file',
  annexes: 'acte_attachments',
};

function s2lowMessage(error: AppError): string {
  const field = (error.details as { field?: string } | undefined)?.field;
  if (!field) return error.message;
  const renamed =
    S2LOW_FIELDS[field] ?? field.replace(/^annexTypes\[/, 'type_pj[').replace(/^annexes\[/, 'acte_attachments[');
  return error.message.startsWith(`${field} : `)
    ? `${renamed} : ${error.message.slice(field.length + 3)}`
    : error.message;
}

/** S²LOW answers a refusal `KO` with HTTP 200 (ResponseHelper::returnAndExit); clients read the first line. */
function plain(handler: (c: Context<AppEnv>) => Promise<Response>) {
  return async (c: Context<AppEnv>) => {
    try {
      return await handler(c);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return s2lowKo(c, s2lowMessage(error));
    }
  };
}

function sendFile(c: Context, opened: { stream: Readable; mediaType: string; fileName: string; size?: number }) {
  c.header('content-type', opened.mediaType);
  c.header('content-disposition', `attachment; filename="${opened.fileName.replace(/["\\\r\n]/g, '_')}"`);
  if (opened.size !== undefined) c.header('content-length', String(opened.size));
  return stream(c, async (out) => {
    for await (const chunk of opened.stream) await out.write(chunk as Uint8Array);
  });
}

const bytesBody = (c: Context, parts: Uint8Array[], mediaType: string) =>
  c.body(new Uint8Array(Buffer.concat(parts)), 200, { 'content-type': mediaType });

/** For a reply to a letter, S²LOW's `type_envoie`: 3 the refusal, 4 the answer (a 2-1 only takes an answer). */
function replyCode(letterCode: string, typeEnvoie: string | undefined): ReplyCode {
  const codes: Record<string, Record<string, ReplyCode>> = {
    '2-1': { '4': '2-2' },
    '3-1': { '3': '3-3', '4': '3-4' },
    '4-1': { '3': '4-3', '4': '4-4' },
  };
  const code = codes[letterCode]?.[typeEnvoie ?? ''];
  if (!code) {
    if (!codes[letterCode])
      throw new AppError('NO_REPLY_EXPECTED', 'Ce type de courrier de la préfecture ne prévoit pas de réponse.', 409);
    throw invalidField(
      'type_envoie',
      `valeur « ${typeEnvoie ?? ''} » non admise pour un courrier ${letterCode} (${Object.keys(codes[letterCode]).join(' ou ')})`,
    );
  }
  return code;
}

export function s2lowActRoutes(settings: S2lowAuthSettings): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  // S²LOW's confirmation of a transaction created with en_attente=1 (status 17): the client sends the agent's
  // browser there, S²LOW posts it once the agent shows an RGS certificate. The hub posts nothing on a GET: it
  // shows the agent its drafts with these ones checked, and « Transmettre la sélection » (a CSRF-checked form)
  // sends them. Being a plain redirect, it needs no credentials; `url_return` is not followed (an open redirect).
  const confirm = (c: Context<AppEnv>) => {
    const ids = (c.req.queries('id[]') ?? c.req.queries('id') ?? []).filter((id) => /^[0-9a-f-]{36}$/i.test(id));
    const query = new URLSearchParams(ids.map((id): [string, string] => ['selection', id]));
    return c.redirect(`/actes/brouillons${ids.length > 0 ? `?${query.toString()}` : ''}`, 302);
  };
  routes.get('/modules/actes/actes_transac_post_confirm_api.php', confirm);
  routes.get('/modules/actes/actes_transac_post_confirm_api_multi.php', confirm);
  // Client software sends its credentials with every call; a browser's session cookie is not enough here, so
  // that a page elsewhere cannot make a logged-in agent's browser create, cancel or mark anything (these GETs
  // change state, as S²LOW's do).
  routes.use('/modules/actes/*', async (c, next) => {
    if (!c.req.header('authorization') && !c.req.query('nounce'))
      return s2lowKo(
        c,
        'Authentification requise : HTTP Basic (e-mail et mot de passe du hub) ou paramètres nounce, login et hash.',
        401,
      );
    await next();
  });
  routes.use('/modules/actes/*', s2lowAuth(settings));

  routes.post(
    '/modules/actes/actes_transac_create.php',
    plain(async (c) => {
      const deps = depsOf(c);
      const actor = s2lowActor(c);
      const store = filesOf(deps);
      const upload = await receiveActUpload(c.req.raw, store, {
        fileFields: ['acte_pdf_file', 'acte_attachments', 'acte_pdf_file_sign', 'acte_attachments_sign'],
        fieldCharset: 'latin1',
      });
      try {
        if (upload.files.some((f) => f.field.endsWith('_sign')))
          throw invalidField(
            'acte_pdf_file_sign',
            'les signatures détachées ne sont pas prises en charge : transmettez un PDF signé (PAdES)',
          );
        const metadata = createMetadata(upload.fields, todayInParis(deps));
        const documents = upload.files.filter((f) => f.field === 'acte_pdf_file');
        if (documents.length > 1) throw invalidField('acte_pdf_file', 'un seul document principal par acte');
        const created = await createAct({
          ctx: { deps, actor },
          input: {
            metadata,
            document: documents[0],
            annexes: upload.files.filter((f) => f.field === 'acte_attachments'),
          },
        });
        await launchAfterCommit(deps, created.id);
        return s2lowText(c, ['OK', created.id, '']);
      } catch (error) {
        await discardUpload(store, upload);
        throw error;
      }
    }),
  );

  routes.get(
    '/modules/actes/actes_transac_get_status.php',
    plain(async (c) => {
      const deps = depsOf(c);
      const transaction = await findTransaction(
        deps,
        s2lowActor(c),
        c.req.query('transaction'),
        c.req.query('unique_id'),
      );
      if (transaction.kind === 'letter') return s2lowText(c, ['OK', String(letterS2lowStatus(transaction.letter)), '']);
      const { act } = transaction;
      const status = await actS2lowStatus(deps, act);
      const parts: Uint8Array[] = [latin1(`OK\n${status}\n`)];
      if (status === 4) parts.push(acknowledgementXml(act));
      if (status === -1) parts.push(latin1(act.error ?? ''));
      return bytesBody(c, parts, 'text/plain; charset=ISO-8859-1');
    }),
  );

  routes.post(
    '/modules/actes/actes_transac_cancel.php',
    plain(async (c) => {
      const body = await c.req.parseBody();
      const id = typeof body['id'] === 'string' ? body['id'] : undefined;
      if (!id) throw invalidField('id', "Pas d'identifiant de transaction à annuler spécifié.");
      const transaction = await findTransaction(depsOf(c), s2lowActor(c), id);
      if (transaction.kind !== 'act')
        throw new AppError('NOT_CANCELLABLE_TYPE', 'Ce type de transaction ne peut pas être annulé.', 409);
      await requestCancellation({
        ctx: { deps: depsOf(c), actor: s2lowActor(c) },
        input: { actId: transaction.act.id },
      });
      return s2lowText(c, ['OK', transaction.act.id, '']);
    }),
  );

  routes.get(
    '/modules/actes/actes_create_pdf.php',
    plain(async (c) => {
      const transaction = await findTransaction(depsOf(c), s2lowActor(c), c.req.query('trans_id'));
      if (transaction.kind !== 'act') throw invalidTransaction();
      const pdf = await bordereauPdf(depsOf(c), transaction.act);
      c.header('content-disposition', `attachment; filename="bordereau-${transaction.act.number}.pdf"`);
      return c.body(new Uint8Array(pdf), 200, { 'content-type': 'application/pdf' });
    }),
  );

  routes.get(
    '/modules/actes/actes_transac_get_files_list.php',
    plain(async (c) => {
      const transaction = await findTransaction(depsOf(c), s2lowActor(c), c.req.query('transaction'));
      if (transaction.kind !== 'act') throw invalidTransaction();
      return c.json(await filesList(depsOf(c), transaction.act));
    }),
  );

  routes.get(
    '/modules/actes/actes_download_file.php',
    plain(async (c) =>
      sendFile(
        c,
        await downloadFile(depsOf(c), s2lowActor(c), c.req.query('file') ?? '', c.req.query('tampon') === 'true'),
      ),
    ),
  );

  routes.get(
    '/modules/actes/actes_transac_get_tampon.php',
    plain(async (c) => {
      const deps = depsOf(c);
      const transaction = await findTransaction(deps, s2lowActor(c), c.req.query('transaction'));
      if (transaction.kind !== 'act' || !transaction.act.idActe)
        throw new AppError('NOT_ACKNOWLEDGED', "Pas d'acquittement recu", 409);
      const [document] = await actPiecesOf(deps, transaction.act.id);
      return sendFile(c, await stampedDocument(deps, transaction.act, document!));
    }),
  );

  routes.get(
    '/modules/actes/actes_classification_fetch.php',
    plain(async (c) => {
      const deps = depsOf(c);
      const structure = await chooseStructure(deps, s2lowActor(c), c.req.query('siren'));
      const classification = await currentClassification(deps.db, structure.id);
      if (!classification)
        throw new AppError(
          'CLASSIFICATION_MISSING',
          "Aucune classification n'a été reçue de la préfecture pour cette collectivité.",
          404,
        );
      return bytesBody(c, [retourClassificationXml(classification.tree)], 'text/xml; charset=ISO-8859-1');
    }),
  );

  // 7-1: research note §A.9 (GET api=1 → OK/KO + message); the answer (7-2/7-3) comes by mail, and a new file
  // is then served by actes_classification_fetch.php.
  routes.get(
    '/modules/actes/actes_classification_request.php',
    plain(async (c) => {
      const deps = depsOf(c);
      const { id } = await requestClassification({
        ctx: { deps, actor: s2lowActor(c) },
        input: { siren: c.req.query('siren'), forced: c.req.query('force') === '1' },
      });
      return s2lowOk(c, `Demande de classification envoyée (${id}).`);
    }),
  );

  routes.get(
    '/modules/actes/api/list_document_prefecture.php',
    plain(async (c) => c.json(await unreadLetters(depsOf(c), s2lowActor(c)))),
  );

  routes.get(
    '/modules/actes/api/document_prefecture_mark_as_read.php',
    plain(async (c) => {
      const transaction = await findTransaction(depsOf(c), s2lowActor(c), c.req.query('transaction_id'));
      if (transaction.kind !== 'letter') throw invalidTransaction();
      await markLetterRead({
        ctx: { deps: depsOf(c), actor: s2lowActor(c) },
        input: { letterId: transaction.letter.id },
      });
      return c.json({ result: 'ok' });
    }),
  );

  routes.get(
    '/modules/actes/actes_transac_get_document.php',
    plain(async (c) => {
      const deps = depsOf(c);
      const transaction = await findTransaction(deps, s2lowActor(c), c.req.query('id'));
      if (transaction.kind !== 'letter') throw invalidTransaction();
      const { letter } = transaction;
      const head = letter.fileId ? await filesOf(deps).head(letter.fileId) : null;
      return sendFile(c, letterArchive(deps, letter, head?.fileName || `courrier-${letter.code}.pdf`));
    }),
  );

  routes.post(
    '/modules/actes/actes_transac_reponse_create.php',
    plain(async (c) => {
      const deps = depsOf(c);
      const actor = s2lowActor(c);
      const store = filesOf(deps);
      const upload = await receiveActUpload(c.req.raw, store, {
        fileFields: ['acte_pdf_file', 'acte_attachments'],
        fieldCharset: 'latin1',
      });
      try {
        const transaction = await findTransaction(deps, actor, field(upload.fields, 'id'));
        if (transaction.kind !== 'letter') throw invalidTransaction();
        const code = replyCode(transaction.letter.code, field(upload.fields, 'type_envoie')?.trim());
        const typeActe = field(upload.fields, 'type_acte')?.trim();
        if (!typeActe) throw invalidField('type_acte', 'typologie absente');
        const typePj = fieldList(upload.fields, 'type_pj').map((t) => t.trim());
        const documents = upload.files.filter((f) => f.field === 'acte_pdf_file');
        if (documents.length > 1) throw invalidField('acte_pdf_file', 'un seul document par réponse');
        const annexes = upload.files.filter((f) => f.field === 'acte_attachments');
        const pieces = [
          ...documents.map((part) => ({ part, typology: typeActe })),
          ...annexes.map((part, i) => {
            const typology = typePj[i];
            if (!typology) throw invalidField(`type_pj[${i}]`, `typologie absente pour l'annexe ${part.file.fileName}`);
            return { part, typology };
          }),
        ];
        if (documents.length === 0)
          throw invalidField('acte_pdf_file', 'le document de la réponse (PDF) est obligatoire');
        const { letterId } = await replyToLetter({
          ctx: { deps, actor },
          input: { letterId: transaction.letter.id, code, pieces },
        });
        // With `api` in the query string S²LOW prints its own sentence; with api=1 posted, the usual two lines.
        if (c.req.query('api')) return s2lowText(c, [`OK : id généré : ${letterId}`]);
        return s2lowText(c, ['OK', letterId, '']);
      } catch (error) {
        // Committed but not yet signalled: the pieces belong to the recorded reply.
        if (!(error instanceof AppError && error.code === WORKFLOW_UNREACHABLE)) await discardUpload(store, upload);
        throw error;
      }
    }),
  );

  routes.get(
    '/modules/actes/api/list_actes.php',
    plain(async (c) =>
      c.json(
        await listActs(
          depsOf(c),
          s2lowActor(c),
          readListQuery((n) => c.req.query(n)),
        ),
      ),
    ),
  );

  routes.get(
    '/modules/actes/api/number_actes.php',
    plain(async (c) =>
      c.json(await countActs(depsOf(c), s2lowActor(c), readListQuery((n) => c.req.query(n)).statusId)),
    ),
  );

  return routes;
}
