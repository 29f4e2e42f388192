// 7-1 DemandeClassification: one small archive per request, under a name fixed at its first build (the ministry
// takes a name once, so a retry after a crash between the upload and its record sends nothing twice). The answer,
// 7-2 or 7-3, comes by mail (mail/read-answers.ts).
import { and, eq, isNull } from 'drizzle-orm';
import { actClassificationRequests } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { runtimeOf, type ActsDeps } from '../deps.ts';
import { classificationRequestXml } from '../domain/messages.ts';
import { archiveFileName, classificationRequestFileName, departementCode3, envelopeFileName } from '../domain/names.ts';
import { archiveEntries, serial, uploadSmallArchive } from './send.ts';

export async function sendClassificationRequest(deps: ActsDeps, requestId: string): Promise<{ archiveName: string }> {
  const [request] = await deps.db
    .select()
    .from(actClassificationRequests)
    .where(eq(actClassificationRequests.id, requestId));
  if (!request) throw new Error(`classification request ${requestId} not found`);
  const [structure] = await deps.db.select().from(structures).where(eq(structures.id, request.structureId));
  const siren = structure!.siren!;
  const departement = departementCode3(structure!.departementCode ?? '000');
  const { trigram, application } = runtimeOf(deps).settings;
  let archiveName = request.archiveName;
  if (!archiveName) {
    const n = await serial(deps, request.structureId);
    archiveName = archiveFileName(trigram, application, siren, parisDate(request.requestedAt), n);
    await deps.db
      .update(actClassificationRequests)
      .set({ archiveName })
      .where(eq(actClassificationRequests.id, requestId));
  }
  if (request.sentAt) return { archiveName };
  // The envelope's name repeats the archive's date and serial.
  const [, date, n] = /--(\d{8})-(\d+)\.tar\.gz$/.exec(archiveName)!;
  const day = `${date!.slice(0, 4)}-${date!.slice(4, 6)}-${date!.slice(6)}`;
  await uploadSmallArchive(
    deps,
    archiveName,
    archiveEntries(
      deps,
      { siren, departement },
      envelopeFileName(application, siren, day, Number(n)),
      {
        name: classificationRequestFileName(departement, siren),
        bytes: classificationRequestXml(request.inUseDate ?? undefined),
      },
      [],
    ),
  );
  await deps.db
    .update(actClassificationRequests)
    .set({ sentAt: deps.clock.now() })
    .where(and(eq(actClassificationRequests.id, requestId), isNull(actClassificationRequests.sentAt)));
  return { archiveName };
}
