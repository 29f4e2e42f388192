// What the operator watches on `/operateur/actes`: acts sent without an acknowledgement after 4 hours (the
// ministry acknowledges within minutes on working days) or never sent, acts in error (1-3, AnomalieEnveloppe),
// and the answer mails kept aside because they could not be read or matched.
import { and, desc, eq, isNotNull, lt, or, sql } from 'drizzle-orm';
import { actMails, acts } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import type { ActsDeps } from '../deps.ts';

export const NO_ACK_AFTER_MS = 4 * 3600_000;
const LIST_LIMIT = 200;

export interface WatchedAct {
  id: string;
  number: string;
  structureName: string;
  status: 'EN_ATTENTE_TRANSMISSION' | 'TRANSMIS' | 'ERREUR';
  archiveName: string | null;
  since: Date;
  error: string | null;
}

export interface KeptAsideMail {
  id: string;
  subject: string;
  problem: string | null;
  receivedAt: Date;
}

export interface TransmissionHealth {
  unacknowledged: WatchedAct[];
  anomalies: WatchedAct[];
  keptAside: KeptAsideMail[];
}

const watchedColumns = {
  id: acts.id,
  number: acts.number,
  structureName: structures.name,
  status: acts.status,
  archiveName: acts.archiveName,
  sentAt: acts.sentAt,
  createdAt: acts.createdAt,
  updatedAt: acts.updatedAt,
  error: acts.error,
};

export async function transmissionHealth(deps: ActsDeps): Promise<TransmissionHealth> {
  const before = new Date(deps.clock.now().getTime() - NO_ACK_AFTER_MS);
  const [stuck, errors, mails] = await Promise.all([
    deps.db
      .select(watchedColumns)
      .from(acts)
      .innerJoin(structures, eq(structures.id, acts.structureId))
      .where(
        or(
          and(eq(acts.status, 'TRANSMIS'), isNotNull(acts.sentAt), lt(acts.sentAt, before)),
          // Queued since: its creation, or the sending of its draft.
          and(
            eq(acts.status, 'EN_ATTENTE_TRANSMISSION'),
            lt(sql`coalesce(${acts.submittedAt}, ${acts.createdAt})`, before.toISOString()),
          ),
        ),
      )
      .orderBy(acts.createdAt)
      .limit(LIST_LIMIT),
    deps.db
      .select(watchedColumns)
      .from(acts)
      .innerJoin(structures, eq(structures.id, acts.structureId))
      .where(eq(acts.status, 'ERREUR'))
      .orderBy(desc(acts.updatedAt))
      .limit(LIST_LIMIT),
    deps.db
      .select({
        id: actMails.id,
        subject: actMails.subject,
        problem: actMails.problem,
        receivedAt: actMails.receivedAt,
      })
      .from(actMails)
      .where(eq(actMails.outcome, 'unreadable'))
      .orderBy(desc(actMails.receivedAt))
      .limit(LIST_LIMIT),
  ]);
  const watched = (r: (typeof stuck)[number], since: Date): WatchedAct => ({
    id: r.id,
    number: r.number,
    structureName: r.structureName,
    status: r.status as WatchedAct['status'],
    archiveName: r.archiveName,
    since,
    error: r.error,
  });
  return {
    unacknowledged: stuck.map((r) => watched(r, r.sentAt ?? r.createdAt)),
    anomalies: errors.map((r) => watched(r, r.updatedAt)),
    keptAside: mails,
  };
}
