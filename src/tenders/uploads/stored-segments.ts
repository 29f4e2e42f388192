// The sealed segments of an upload not yet assembled, as one stream of framed segments in their order.
import { asc, eq } from 'drizzle-orm';
import { tenderUploadSegments } from '../../../db/schema/tenders.ts';
import type { FileStore } from '../../platform/files/index.ts';
import type { TenderDeps } from '../settings.ts';

/** The framed segments of an upload in order, read one stored file after the other. */
export async function* storedSegments(deps: TenderDeps, files: FileStore, sessionId: string): AsyncGenerator<Buffer> {
  const segments = await deps.db
    .select({ storedFileId: tenderUploadSegments.storedFileId })
    .from(tenderUploadSegments)
    .where(eq(tenderUploadSegments.sessionId, sessionId))
    .orderBy(asc(tenderUploadSegments.index));
  for (const segment of segments) {
    const opened = await files.get(segment.storedFileId);
    if (!opened) throw new Error(`segment ${segment.storedFileId} missing from the store`);
    for await (const chunk of opened.stream as AsyncIterable<Buffer>) yield chunk;
  }
}
