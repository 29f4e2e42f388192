// The verb that creates an act: scope (an agent of the structure), validation against the structure's current
// classification and the formats the ministry accepts, then one transaction (act, pieces, first event, audit row).
// Its transmission workflow is started after the commit by the caller; a draft (`draft: true`) starts nothing.
import { and, eq } from 'drizzle-orm';
import { acts, actPieces } from '../../../db/schema/acts.ts';
import { structures } from '../../../db/schema/directory.ts';
import { auditActorRef } from '../../platform/audit/index.ts';
import { requireActorPresent, structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { parisDate } from '../../platform/calendar/index.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { VerbCall } from '../../platform/verb.ts';
import type { ActsDeps } from '../deps.ts';
import { departementCode3, pieceFileName, type ActKey } from '../domain/names.ts';
import { sniffExtension } from '../domain/rules.ts';
import { recordActStep } from '../events.ts';
import { currentClassification, hasMatiere, typologiesOf } from '../queries/classification.ts';
import type { ReceivedPart } from '../upload/receive-act-upload.ts';
import { invalidField, type ActMetadata } from './act-input.ts';

export interface CreateActInput {
  metadata: ActMetadata;
  document: ReceivedPart | undefined;
  annexes: ReceivedPart[];
}

export interface CreatedAct {
  id: string;
  status: 'EN_ATTENTE_TRANSMISSION' | 'BROUILLON';
  structureId: string;
}

export async function chooseStructure(deps: ActsDeps, actor: Actor | undefined, siren: string | undefined) {
  requireActorPresent(actor);
  const mine = structuresWithRole(actor, 'agent');
  if (mine.length === 0) throw forbidden("Seul un agent d'une collectivité peut transmettre un acte.");
  const rows = await deps.db
    .select({
      id: structures.id,
      siren: structures.siren,
      departement: structures.departementCode,
      kind: structures.kind,
      name: structures.name,
    })
    .from(structures);
  const candidates = rows.filter((r) => mine.includes(r.id));
  const chosen = siren
    ? candidates.find((r) => r.siren === siren)
    : candidates.length === 1
      ? candidates[0]
      : undefined;
  if (!chosen) {
    if (siren) throw notFound('Collectivité');
    throw invalidField('siren', 'vous agissez pour plusieurs collectivités : précisez le SIREN de celle qui transmet');
  }
  if (!chosen.siren || !chosen.departement)
    throw new AppError(
      'STRUCTURE_INCOMPLETE',
      `La structure ${chosen.name} n'a pas de SIREN ou de département connu.`,
      409,
    );
  return { ...chosen, siren: chosen.siren, departement: departementCode3(chosen.departement) };
}

/** The act's pieces as checked: the main PDF then the annexes, each with its typology and extension. */
export interface CheckedPiece {
  part: ReceivedPart;
  typology: string;
  ext: string;
}

/**
 * The checks an act passes at its creation and again when a draft is edited or sent: a classification received,
 * the matière in it, the typologies admitted for the nature, a PDF as main document, annexes of accepted formats.
 */
export async function checkAgainstClassification(
  deps: ActsDeps,
  structureId: string,
  m: Pick<ActMetadata, 'nature' | 'classification' | 'documentType' | 'annexTypes'>,
  annexCount: number,
) {
  const classification = await currentClassification(deps.db, structureId);
  if (!classification)
    throw new AppError(
      'CLASSIFICATION_MISSING',
      "Aucune classification n'a été reçue de la préfecture pour cette collectivité : demandez-la (7-1) avant de transmettre.",
      409,
    );
  if (!hasMatiere(classification.tree, m.classification))
    throw invalidField(
      'classification',
      `la matière « ${m.classification} » n'existe pas dans la classification du ${classification.date}`,
    );
  const allowed = typologiesOf(classification.tree, m.nature);
  const checkTypology = (code: string, field: string) => {
    if (!allowed.includes(code))
      throw invalidField(
        field,
        `la typologie « ${code} » n'est pas admise pour cette nature (admises : ${allowed.join(', ')})`,
      );
  };
  checkTypology(m.documentType, 'documentType');
  const annexTypes = Array.from({ length: annexCount }, (_, i) => m.annexTypes[i] ?? m.documentType);
  annexTypes.forEach((code, i) => checkTypology(code, `annexTypes[${i}]`));
  return { date: classification.date, annexTypes };
}

/** The uploaded pieces checked (a PDF first, then PDF, JPEG, PNG or XML annexes) with their typologies. */
export function checkPieces(
  document: ReceivedPart | undefined,
  annexes: ReceivedPart[],
  documentType: string,
  annexTypes: string[],
): CheckedPiece[] {
  if (!document) throw invalidField('document', "le document principal de l'acte (PDF) est obligatoire");
  if (sniffExtension(document.head) !== 'pdf')
    throw invalidField('document', `le fichier « ${document.file.fileName} » n'est pas un PDF`);
  const annexExtensions = annexes.map((annex, i) => {
    const ext = sniffExtension(annex.head);
    if (!ext)
      throw invalidField(
        `annexes[${i}]`,
        `le fichier « ${annex.file.fileName} » n'est ni un PDF, ni une image JPEG ou PNG, ni un XML`,
      );
    return ext;
  });
  return [
    { part: document, typology: documentType, ext: 'pdf' },
    ...annexes.map((part, i) => ({ part, typology: annexTypes[i]!, ext: annexExtensions[i]! })),
  ];
}

/** The rows of the pieces, named in the archive after the act's key (number, date, nature). */
export const pieceRows = (
  actId: string,
  key: ActKey,
  pieces: { fileId: string; typology: string; ext: string; originalName: string }[],
) =>
  pieces.map((p, i) => ({
    actId,
    position: i + 1,
    fileId: p.fileId,
    typology: p.typology,
    extension: p.ext,
    archiveName: pieceFileName(key, '1-1', p.typology, i + 1, p.ext),
    originalName: p.originalName || `piece-${i + 1}.${p.ext}`,
  }));

export const actKeyOf = (
  structure: { departement: string; siren: string },
  m: Pick<ActMetadata, 'decisionDate' | 'number' | 'nature'>,
): ActKey => ({
  departement: structure.departement,
  siren: structure.siren,
  decisionDate: m.decisionDate,
  number: m.number,
  nature: m.nature,
});

export const actorRefOf = (actor: Actor | undefined) =>
  actor ? auditActorRef(actor) : { kind: 'system' as const, id: 'anonyme', label: 'anonyme' };

/** A unique-index refusal on the number (a concurrent creation) told as the duplicate it is. */
export function isDuplicateNumber(error: unknown): boolean {
  return (error as { code?: string }).code === '23505' || /acts_structure_number_uq/.test(String(error));
}

export async function createAct({ ctx, input }: VerbCall<ActsDeps, CreateActInput>): Promise<CreatedAct> {
  const { deps, actor } = ctx;
  const now = deps.clock.now();
  const m = input.metadata;
  const structure = await chooseStructure(deps, actor, m.siren);
  const checked = await checkAgainstClassification(deps, structure.id, m, input.annexes.length);
  const pieces = checkPieces(input.document, input.annexes, m.documentType, checked.annexTypes);

  const [existing] = await deps.db
    .select({ id: acts.id })
    .from(acts)
    .where(and(eq(acts.structureId, structure.id), eq(acts.number, m.number)));
  if (existing) throw duplicateNumber(m.number);

  const key = actKeyOf(structure, m);
  const actorRef = actorRefOf(actor);
  const status = m.draft ? ('BROUILLON' as const) : ('EN_ATTENTE_TRANSMISSION' as const);
  try {
    return await deps.db.transaction(async (tx) => {
      const [act] = await tx
        .insert(acts)
        .values({
          structureId: structure.id,
          nature: m.nature,
          classification: m.classification,
          classificationDate: checked.date,
          number: m.number,
          decisionDate: m.decisionDate,
          object: m.object,
          status,
          meetingLabel: m.meetingLabel ?? null,
          meetingDate: m.meetingDate ?? null,
          submittedAt: m.draft ? null : now,
          createdBy: actorRef.label,
          createdByPersonId: actor?.kind === 'person' ? actor.personId : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: acts.id });
      const actId = act!.id;
      await tx.insert(actPieces).values(
        pieceRows(
          actId,
          key,
          pieces.map((p) => ({
            fileId: p.part.file.id,
            typology: p.typology,
            ext: p.ext,
            originalName: p.part.file.fileName,
          })),
        ),
      );
      await recordActStep(tx, {
        actId,
        structureId: structure.id,
        kind: m.draft ? 'draft_created' : 'created',
        status,
        label: m.draft
          ? `Brouillon de l’acte ${m.number} enregistré`
          : `Acte ${m.number} créé, en attente de transmission`,
        detail: {
          number: m.number,
          nature: m.nature,
          classification: m.classification,
          decisionDate: m.decisionDate,
          annexes: input.annexes.length,
          ...(m.meetingLabel || m.meetingDate ? { meetingLabel: m.meetingLabel, meetingDate: m.meetingDate } : {}),
        },
        at: now,
        actor: actorRef,
      });
      return { id: actId, status, structureId: structure.id };
    });
  } catch (error) {
    if (isDuplicateNumber(error)) throw duplicateNumber(m.number);
    throw error;
  }
}

export const duplicateNumber = (number: string) =>
  new AppError(
    'DUPLICATE_ACT_NUMBER',
    `number : un acte portant le numéro ${number} existe déjà pour cette collectivité.`,
    409,
    { field: 'number' },
  );

export const todayInParis = (deps: ActsDeps) => parisDate(deps.clock.now());
