// The person who deposited a bid with an infected file is told by e-mail (the outbox), besides the receipt's
// warning: at once, so that a clean bid can still be deposited before the deadline. An API client has no mailbox;
// its receipt carries the same words.
import type { Db } from '../../../db/client.ts';
import { emailOutbox } from '../../../db/schema/invoices.ts';
import type { Actor } from '../../platform/auth/index.ts';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export async function tellQuarantine(
  tx: Tx,
  actor: Actor,
  deposit: { id: string; consultationReference: string; consultationTitle: string; warnings: readonly string[] },
): Promise<boolean> {
  if (deposit.warnings.length === 0 || actor.kind !== 'person') return false;
  await tx
    .insert(emailOutbox)
    .values({
      eventKey: `tender-quarantine:${deposit.id}`,
      toAddress: actor.email,
      subject: `[${deposit.consultationReference}] Fichier infecté mis en quarantaine dans votre pli`,
      body:
        `Votre pli pour la consultation « ${deposit.consultationTitle} » a bien été reçu (dépôt ${deposit.id}).\n\n` +
        deposit.warnings.join('\n\n'),
    })
    .onConflictDoNothing();
  return true;
}
