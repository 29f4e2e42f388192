// The ACTES archive of an act, exactly as the protocol says: a .tar.gz holding the envelope EnveloppeCLMISILL,
// the message 1-1 Acte and the pieces under their protocol names, every XML checked against the XSD's structure
// first. The archive is built once and kept in the file store: a retry sends the very same bytes and name.
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import tar from 'tar-stream';
import { acts, actEnvelopeSerials, actPieces } from '../../../db/schema/acts.ts';
import { people } from '../../../db/schema/auth.ts';
import { structures } from '../../../db/schema/directory.ts';
import { AppError } from '../../platform/errors.ts';
import type { FileStore } from '../../platform/files/index.ts';
import type { ActsDeps } from '../deps.ts';
import { acteXml, envelopeXml } from '../domain/messages.ts';
import { archiveFileName, departementCode3, envelopeFileName, messageFileName, type ActKey } from '../domain/names.ts';
import type { ActNature } from '../domain/natures.ts';
import { checkActe, checkEnvelope, type Violation } from '../protocol/checks.ts';
import { readXml } from '../protocol/xml-read.ts';
import type { ActsRuntime } from '../runtime.ts';

/** IDCL/@Nature: `31` is the code the ministry's samples carry for a commune; the list itself is not public. */
const COLLECTIVITY_NATURE = '31';

export interface BuiltArchive {
  archiveName: string;
  envelopeName: string;
  fileId: string;
  size: number;
}

export class ArchiveRefused extends AppError {
  constructor(readonly violations: Violation[]) {
    super(
      'ARCHIVE_INVALID',
      `L'archive ne respecte pas le schéma ACTES : ${violations.map((v) => `${v.path} : ${v.message}`).join(' ; ')}`,
      422,
      { violations },
    );
  }
}

async function nextSerial(deps: ActsDeps, structureId: string): Promise<number> {
  const [row] = await deps.db
    .insert(actEnvelopeSerials)
    .values({ structureId, last: 1 })
    .onConflictDoUpdate({ target: actEnvelopeSerials.structureId, set: { last: sql`${actEnvelopeSerials.last} + 1` } })
    .returning({ last: actEnvelopeSerials.last });
  return row!.last;
}

export async function buildArchive(
  deps: ActsDeps & { files: FileStore },
  runtime: ActsRuntime,
  actId: string,
): Promise<BuiltArchive> {
  const [act] = await deps.db.select().from(acts).where(eq(acts.id, actId));
  if (!act)
    throw new AppError('NOT_FOUND', 'Acte introuvable : cet élément n’existe pas ou vous n’y avez pas accès.', 404);
  if (act.archiveFileId && act.archiveName && act.envelopeName) {
    const head = await deps.files.head(act.archiveFileId);
    return {
      archiveName: act.archiveName,
      envelopeName: act.envelopeName,
      fileId: act.archiveFileId,
      size: head?.size ?? 0,
    };
  }
  const [structure] = await deps.db.select().from(structures).where(eq(structures.id, act.structureId));
  const pieces = await deps.db.select().from(actPieces).where(eq(actPieces.actId, actId)).orderBy(actPieces.position);
  const key: ActKey = {
    departement: departementCode3(structure!.departementCode ?? '000'),
    siren: structure!.siren!,
    decisionDate: act.decisionDate,
    number: act.number,
    nature: act.nature as ActNature,
  };
  const [creator] = act.createdByPersonId
    ? await deps.db
        .select({ email: people.email, name: people.displayName })
        .from(people)
        .where(eq(people.id, act.createdByPersonId))
    : [];
  const serial = await nextSerial(deps, act.structureId);
  const { trigram, application } = runtime.settings;
  const archiveName = archiveFileName(trigram, application, key.siren, act.decisionDate, serial);
  const envelopeName = envelopeFileName(application, key.siren, act.decisionDate, serial);
  const messageName = messageFileName(key, '1-1');
  const actPieceList = pieces.filter((p) => p.replyId === null);
  const message = acteXml({
    decisionDate: act.decisionDate,
    number: act.number,
    nature: key.nature,
    matieres: act.classification.split('.').map(Number),
    object: act.object,
    classificationDate: act.classificationDate,
    documentFile: actPieceList[0]!.archiveName,
    annexFiles: actPieceList.slice(1).map((p) => p.archiveName),
  });
  const returnAddresses = [...new Set([runtime.returnAddress, ...(creator ? [creator.email] : [])])].filter((m) =>
    /^[_a-zA-Z0-9-]+(\.[_a-zA-Z0-9-]+)*@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,6}$/.test(m),
  );
  const envelope = envelopeXml({
    sender: {
      siren: key.siren,
      departement: key.departement,
      arrondissement: '0',
      collectivityNature: COLLECTIVITY_NATURE,
      ...(creator ? { referent: { name: creator.name, email: creator.email } } : {}),
    },
    returnAddresses,
    forms: [messageName],
  });
  const violations = [...checkEnvelope(readXml(envelope)), ...checkActe(readXml(message))];
  if (violations.length > 0) throw new ArchiveRefused(violations);

  const stored = await deps.files.put(
    packArchive(deps.files, [
      { name: envelopeName, bytes: envelope },
      { name: messageName, bytes: message },
      ...actPieceList.map((p) => ({ name: p.archiveName, fileId: p.fileId })),
    ]),
    { kind: 'act', mediaType: 'application/gzip', fileName: archiveName, owningStructureId: act.structureId },
  );
  // The first build wins: a concurrent one (a retried activity) deletes its own copy and takes the recorded one.
  const updated = await deps.db
    .update(acts)
    .set({ archiveFileId: stored.id, archiveName, envelopeName, updatedAt: deps.clock.now() })
    .where(sql`${acts.id} = ${actId} and ${acts.archiveFileId} is null`)
    .returning({ id: acts.id });
  if (updated.length === 0) {
    await deps.files.delete(stored.id);
    return buildArchive(deps, runtime, actId);
  }
  return { archiveName, envelopeName, fileId: stored.id, size: stored.size };
}

export type ArchiveEntry = { name: string; bytes: Uint8Array } | { name: string; fileId: string };

/** A gzip'd tar of the entries, streamed: a piece's bytes go from the store to the archive without being held. */
export function packArchive(files: FileStore, entries: ArchiveEntry[]): Readable {
  const pack = tar.pack();
  const out = new PassThrough();
  void (async () => {
    for (const entry of entries) {
      const mtime = new Date(0);
      if ('bytes' in entry) {
        await new Promise<void>((resolve, reject) =>
          pack.entry({ name: entry.name, size: entry.bytes.length, mtime }, Buffer.from(entry.bytes), (e) =>
            e ? reject(e) : resolve(),
          ),
        );
      } else {
        const opened = await files.get(entry.fileId);
        if (!opened) throw new Error(`stored file ${entry.fileId} is missing`);
        const sink = pack.entry({ name: entry.name, size: opened.file.size, mtime });
        await pipeline(opened.stream, sink);
      }
    }
    pack.finalize();
  })().catch((error: unknown) => pack.destroy(error as Error));
  pipeline(pack, createGzip(), out).catch((error: unknown) => out.destroy(error as Error));
  return out;
}
