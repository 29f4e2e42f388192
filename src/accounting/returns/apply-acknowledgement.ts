// A flow's acknowledgement: its state (accepted, information available, refused), its errors in French at their
// place, and the mandates of the accepted bordereaux moving their invoices to MANDATEE.
import { eq } from 'drizzle-orm';
import { pesReturns } from '../../../db/schema/accounting.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { systemActor } from '../../platform/auth/index.ts';
import type { CheckIssue, IssuePlace } from '../domain/check-issue.ts';
import { placeLabel } from '../domain/check-issue.ts';
import { statusOfAcknowledgement, type AckError } from '../domain/return-reader.ts';
import { mandateLinkedInvoices } from '../linking/move-invoices.ts';
import type { AccountingDeps } from '../settings.ts';
import { loadFlow, moveFlow } from '../transmission/flow-row.ts';
import { readReturnStream } from './read-return.ts';

type AckDeps = Pick<AccountingDeps, 'db' | 'files' | 'temporal'>;

const DOMAINS: Record<string, string> = {
  '0': 'technique',
  '1': 'signature technique',
  '2': 'signature globale',
  '3': 'signature du bordereau',
  '4': 'pièce justificative',
  '5': 'dépense',
  '6': 'recette',
  '99': 'paramétrage',
};

export function ackIssue(error: AckError): CheckIssue {
  const place: IssuePlace = {
    element: error.pj ? 'PES_PJ/PJ' : error.bordereau ? 'Bordereau' : 'PES_Aller',
    ...(error.domaine === '6' ? { domain: 'recette' as const } : error.bordereau ? { domain: 'depense' as const } : {}),
    ...(error.bordereau ? { bordereau: error.bordereau } : {}),
    ...(error.piece ? { piece: error.piece } : {}),
    ...(error.ligne ? { ligne: error.ligne } : {}),
    ...(error.pj ? { pj: error.pj } : {}),
  };
  const where = placeLabel(place);
  const domain = error.domaine && DOMAINS[error.domaine] ? ` (domaine ${DOMAINS[error.domaine]})` : '';
  return {
    code: error.code as CheckIssue['code'],
    message: `${where === '' ? 'Fichier' : where}${domain} : ${error.label || error.code} [${error.code}]`,
    place,
  };
}

export async function applyAcknowledgement(
  deps: AckDeps,
  flowId: string,
  returnId: string,
): Promise<{ status: string; mandated: number }> {
  const flow = await loadFlow(deps.db, flowId);
  if (flow.ackReturnId) return { status: flow.status, mandated: 0 };
  const [ret] = await deps.db.select().from(pesReturns).where(eq(pesReturns.id, returnId));
  if (!ret) throw new Error(`return ${returnId} not found`);
  const opened = await deps.files?.get(ret.fileId);
  if (!opened) throw new Error(`file of return ${returnId} missing`);
  const read = await readReturnStream(opened.stream);
  const status = read.unreadable ? 'ERREUR' : statusOfAcknowledgement(read);
  const issues = read.unreadable
    ? [
        {
          code: 'ERREUR_AUTRE' as const,
          message: `Acquittement illisible : ${read.unreadable}`,
          place: { element: 'PES_ACQUIT' },
        },
      ]
    : read.errors.map(ackIssue);
  await deps.db.transaction(async (tx) => {
    await moveFlow(tx, flowId, status, { ackReturnId: returnId, acknowledgedAt: new Date(), issues });
    await recordAudit(tx, {
      actor: systemActor('treasury-flows'),
      action: 'accounting.acknowledge',
      subject: { type: 'pes_flow', id: flowId },
      structureId: flow.structureId,
      after: { status, returnId, errors: issues.length },
    });
  });
  if (status !== 'ACQUITTE' && status !== 'INFORMATION_DISPONIBLE') return { status, mandated: 0 };
  const refused = new Set(
    read.elements.filter((e) => !e.accepted && e.bordereau).map((e) => `${e.exercice ?? ''}/${e.bordereau}`),
  );
  const mandated = await mandateLinkedInvoices(deps, flowId, (exer, idBord) => !refused.has(`${exer}/${idBord}`));
  return { status, mandated };
}
