// The JSON API's reply to a letter carrying documents (above all the 3-4 with the pieces the prefecture asked for):
// a multipart form (`metadata` = JSON `{letterId, code, documentType?, annexTypes?}`, `document` = the reply's
// letter, `annexes` = the pieces), streamed to the file store, then the reply verb. A refused reply leaves nothing
// stored; a recorded one keeps its pieces, sent when the workflow is signalled (now, or by the request relay).
import type { Actor } from '../../platform/auth/index.ts';
import { invalidField } from '../create/act-input.ts';
import { filesOf, type ActsDeps } from '../deps.ts';
import type { ReplyCode } from '../domain/messages.ts';
import { ACT_NATURES, type ActNature } from '../domain/natures.ts';
import { TYPOLOGY_CODE } from '../domain/rules.ts';
import { findVisibleLetter, replyToLetter } from '../requests/reply-to-letter.ts';
import { ANSWER_RELAYED, ANSWER_SIGNALLED } from '../requests/signal-agent.ts';
import { discardUpload, receiveActUpload } from '../upload/receive-act-upload.ts';

interface ReplyMetadata {
  letterId: string;
  code: string;
  documentType?: string;
  annexTypes: (string | undefined)[];
}

function parseReplyMetadata(raw: string | undefined): ReplyMetadata {
  let data: unknown;
  try {
    data = JSON.parse(raw ?? '');
  } catch {
    throw invalidField('metadata', 'le champ doit contenir un objet JSON {"letterId", "code", "annexTypes"?}');
  }
  const m = (data && typeof data === 'object' && !Array.isArray(data) ? data : {}) as Record<string, unknown>;
  if (typeof m.letterId !== 'string' || m.letterId === '')
    throw invalidField('letterId', 'identifiant du courrier de la préfecture attendu');
  if (typeof m.code !== 'string') throw invalidField('code', 'code de la réponse attendu (2-2, 3-3, 3-4, 4-3, 4-4)');
  const typology = (value: unknown, field: string): string | undefined => {
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string' || !TYPOLOGY_CODE.test(value))
      throw invalidField(field, `code de typologie « ${String(value)} » invalide (attendu : « 99_DE », « 41_AT »…)`);
    return value;
  };
  if (m.annexTypes !== undefined && !Array.isArray(m.annexTypes))
    throw invalidField('annexTypes', 'liste de codes de typologie attendue, une par pièce');
  return {
    letterId: m.letterId,
    code: m.code,
    documentType: typology(m.documentType, 'documentType'),
    annexTypes: ((m.annexTypes as unknown[] | undefined) ?? []).map((v, i) => typology(v, `annexTypes[${i}]`)),
  };
}

export async function replyWithPieces(
  deps: ActsDeps,
  actor: Actor,
  actId: string,
  request: Request,
): Promise<{ status: string; letterId: string; message: string }> {
  const store = filesOf(deps);
  const upload = await receiveActUpload(request, store, { fileFields: ['document', 'annexes'] });
  try {
    const metadata = parseReplyMetadata(upload.fields['metadata']?.[0]);
    const { letter, act } = await findVisibleLetter(deps, actor, metadata.letterId);
    if (letter.actId !== actId) throw invalidField('letterId', "ce courrier de la préfecture ne concerne pas l'acte");
    const documents = upload.files.filter((f) => f.field === 'document');
    if (documents.length > 1) throw invalidField('document', 'un seul document par réponse');
    // Absent typologies take the nature's default, as at the act's creation.
    const fallback = ACT_NATURES[act.nature as ActNature].defaultTypology;
    const pieces = [
      ...documents.map((part) => ({ part, typology: metadata.documentType ?? fallback })),
      ...upload.files
        .filter((f) => f.field === 'annexes')
        .map((part, i) => ({ part, typology: metadata.annexTypes[i] ?? fallback })),
    ];
    const { letterId, signalled } = await replyToLetter({
      ctx: { deps, actor },
      input: { letterId: letter.id, code: metadata.code as ReplyCode, pieces },
    });
    return { status: 'DEMANDE_ENREGISTREE', letterId, message: signalled ? ANSWER_SIGNALLED : ANSWER_RELAYED };
  } catch (error) {
    // Nothing was recorded: the verb refused before its commit.
    await discardUpload(store, upload);
    throw error;
  }
}
