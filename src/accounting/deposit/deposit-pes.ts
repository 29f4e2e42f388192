// The deposit of a PES Aller (page, JSON API, S²LOW-compatible import): the stored file is checked as it streams,
// then recorded — accepted and handed to its transmission workflow, or refused with every issue at its place
// (kept, so the accountant sees what was wrong). Nothing is sent before the checks pass.
import { randomUUID } from 'node:crypto';
import { and, eq, ne } from 'drizzle-orm';
import { pesFlows } from '../../../db/schema/accounting.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent, type Actor } from '../../platform/auth/index.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { actorRef } from '../../invoices/index.ts';
import { checkPesStream } from '../check/check-pes-file.ts';
import { issue, type CheckIssue } from '../domain/check-issue.ts';
import { pesWorkflowId } from '../domain/contract.ts';
import type { PesFlowStatus } from '../domain/statuses.ts';
import { siretsOf } from '../queries/structure-sirets.ts';
import { accountingSettings, type AccountingDeps } from '../settings.ts';
import { launchPesWorkflow } from './launch.ts';
import { verifyPesSignatures } from '../signature/verify-pes-signatures.ts';

export interface DepositPesInput {
  fileId: string;
  /** The depositing structure; the actor's only accountant/agent structure when absent. */
  structureId?: string;
  channel: 'page' | 'api' | 's2low' | 'billing';
  /** The ordonnateur asks the hub to sign the unsigned bordereaux with the structure's certificate. */
  sign?: boolean;
}

export interface DepositPesResult {
  flowId: string;
  transactionNumber: number;
  nomFic: string;
  status: PesFlowStatus;
  accepted: boolean;
  /** When refused: the code of the refusal and its issues. */
  refusal?: { code: string; message: string; status: 409 | 422 };
  issues: CheckIssue[];
}

type DepositDeps = Pick<AccountingDeps, 'db' | 'files' | 'accounting' | 'temporal' | 'taskQueue' | 'logger'>;

/** The structures an actor may deposit accounting flows for: its accountant and agent roles. */
export function depositingStructures(actor: Actor): string[] {
  return [
    ...new Set(actor.grants.filter((g) => g.role === 'accountant' || g.role === 'agent').map((g) => g.structureId)),
  ];
}

export function resolveDepositStructure(actor: Actor, structureId: string | undefined): string {
  if (structureId) {
    if (!hasRole(actor, 'accountant', structureId) && !hasRole(actor, 'agent', structureId))
      throw forbidden("Vous n'agissez pas comme comptable ou agent de cette structure : dépôt refusé.");
    return structureId;
  }
  const mine = depositingStructures(actor);
  if (mine.length === 0) throw forbidden('Seul un comptable ou un agent d’une collectivité peut déposer un flux PES.');
  if (mine.length > 1)
    throw new AppError(
      'STRUCTURE_REQUIRED',
      'Vous agissez pour plusieurs structures : précisez celle qui dépose le flux (champ « structureId »).',
      400,
    );
  return mine[0] as string;
}

export async function depositPes({ ctx, input }: VerbCall<DepositDeps, DepositPesInput>): Promise<DepositPesResult> {
  const actor = requireActorPresent(ctx.actor);
  const { deps } = ctx;
  const structureId = resolveDepositStructure(actor, input.structureId);
  const settings = accountingSettings(deps);
  const files = deps.files;
  if (!files) throw new AppError('FILE_STORAGE_UNAVAILABLE', 'Le stockage des fichiers est indisponible.', 503);
  const opened = await files.get(input.fileId);
  if (!opened) throw new AppError('FILE_MISSING', 'Le fichier déposé est introuvable.', 400);
  if (opened.file.size > settings.maxFileBytes) {
    opened.stream.destroy();
    throw new AppError(
      'FILE_TOO_LARGE',
      `Le fichier pèse ${opened.file.size} octets : un flux PES ne peut dépasser ${settings.maxFileBytes / (1024 * 1024)} Mio. Rien n'a été enregistré.`,
      413,
    );
  }
  const sirets = await siretsOf(deps.db, structureId);
  const checked = await checkPesStream(opened.stream, {
    sirets,
    hubSigns: input.sign === true,
    pjBudgetBytes: settings.pjBudgetBytes,
    totalPjBudgetBytes: settings.totalPjBudgetBytes,
  });
  const { summary } = checked;
  const issues = [...checked.issues];
  // A second streamed read verifies the signed bordereaux: a broken signature is refused, nothing is sent.
  if (!checked.fileRefusal && issues.length === 0 && summary.bordereaux.some((b) => b.signed)) {
    const again = await files.get(input.fileId);
    if (!again) throw new AppError('FILE_MISSING', 'Le fichier déposé est introuvable.', 400);
    issues.push(...(await verifyPesSignatures(again.stream)));
  }
  let refusal: DepositPesResult['refusal'];
  if (checked.fileRefusal) {
    refusal = { code: checked.fileRefusal, message: issues[0]?.message ?? 'Fichier refusé.', status: 422 };
  } else if (issues.length > 0) {
    refusal = {
      code: 'PES_NON_CONFORME',
      message: `Le flux PES n'est pas conforme : ${issues.length}${checked.truncated ? ' (au moins)' : ''} erreur(s), rien n'a été transmis. Première erreur : ${issues[0]?.message}`,
      status: 422,
    };
  } else if (summary.nomFic !== '' && (await nomFicTaken(deps, structureId, summary.nomFic))) {
    const duplicate = issue(
      'ERREUR_PES_PARAM',
      { element: 'Enveloppe/Parametres/NomFic' },
      `vaut « ${summary.nomFic} », déjà utilisé par un flux de cette structure : chaque fichier doit avoir un NomFic nouveau`,
    );
    issues.push(duplicate);
    refusal = { code: 'PES_DUPLICATE_NOMFIC', message: duplicate.message, status: 409 };
  }

  const status: PesFlowStatus = refusal ? 'NON_CONFORME' : 'POSTE';
  const flowId = randomUUID();
  const workflowId = pesWorkflowId(flowId);
  const who = actorRef(actor);
  const recorded = await deps.db
    .transaction(async (tx) => {
      const [row] = await tx
        .insert(pesFlows)
        .values({
          id: flowId,
          structureId,
          nomFic: summary.nomFic,
          status,
          channel: input.channel,
          originalFileId: input.fileId,
          idColl: summary.idColl,
          idPost: summary.idPost,
          codCol: summary.codCol,
          codBud: summary.codBud,
          summary,
          issues,
          signRequested: input.sign === true,
          workflowId,
          depositedBy: who.actor,
        })
        .returning({ id: pesFlows.id, transactionNumber: pesFlows.transactionNumber });
      if (!row) throw new Error('pes flow not recorded');
      await recordAudit(tx, {
        actor,
        action: refusal ? 'accounting.deposit_refused' : 'accounting.deposit',
        subject: { type: 'pes_flow', id: row.id },
        structureId,
        after: {
          nomFic: summary.nomFic,
          status,
          channel: input.channel,
          ...(refusal ? { refusal: refusal.code } : {}),
        },
      });
      return row;
    })
    .catch((error: unknown) => {
      // Two deposits of the same NomFic at once: the unique index lets one in.
      if (isUniqueViolation(error))
        throw new AppError(
          'PES_DUPLICATE_NOMFIC',
          `Enveloppe/Parametres/NomFic « ${summary.nomFic} » est déjà utilisé par un flux de cette structure.`,
          409,
        );
      throw error;
    });

  if (!refusal) {
    // After the commit: a Temporal outage leaves the flow POSTE, and the returns poller starts it later.
    await launchPesWorkflow(deps, workflowId, recorded.id).catch((error: unknown) =>
      deps.logger.warn({ err: error, flowId: recorded.id }, 'pes workflow start failed; left to the relay'),
    );
  }
  return {
    flowId: recorded.id,
    transactionNumber: recorded.transactionNumber,
    nomFic: summary.nomFic,
    status,
    accepted: !refusal,
    ...(refusal ? { refusal } : {}),
    issues,
  };
}

async function nomFicTaken(deps: DepositDeps, structureId: string, nomFic: string): Promise<boolean> {
  const [row] = await deps.db
    .select({ id: pesFlows.id })
    .from(pesFlows)
    .where(and(eq(pesFlows.structureId, structureId), eq(pesFlows.nomFic, nomFic), ne(pesFlows.status, 'NON_CONFORME')))
    .limit(1);
  return row !== undefined;
}

function isUniqueViolation(error: unknown): boolean {
  const code =
    (error as { code?: string; cause?: { code?: string } })?.code ??
    (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}
