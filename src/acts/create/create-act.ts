// The verb that creates an act: scope (an agent of the structure), validation against the structure's current
// classification and the formats the ministry accepts, then one transaction (act, pieces, first event, audit row).
// Its transmission workflow is started after the commit by the caller.
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
  status: 'EN_ATTENTE_TRANSMISSION';
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

export async function createAct({ ctx, input }: VerbCall<ActsDeps, CreateActInput>): Promise<CreatedAct> {
  const { deps, actor } = ctx;
  const now = deps.clock.now();
  const m = input.metadata;
  const structure = await chooseStructure(deps, actor, m.siren);

  const classification = await currentClassification(deps.db, structure.id);
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

  if (!input.document) throw invalidField('document', "le document principal de l'acte (PDF) est obligatoire");
  if (sniffExtension(input.document.head) !== 'pdf')
    throw invalidField('document', `le fichier « ${input.document.file.fileName} » n'est pas un PDF`);
  const annexExtensions = input.annexes.map((annex, i) => {
    const ext = sniffExtension(annex.head);
    if (!ext)
      throw invalidField(
        `annexes[${i}]`,
        `le fichier « ${annex.file.fileName} » n'est ni un PDF, ni une image JPEG ou PNG, ni un XML`,
      );
    return ext;
  });
  const annexTypes = input.annexes.map((_, i) => m.annexTypes[i] ?? m.documentType);
  annexTypes.forEach((code, i) => checkTypology(code, `annexTypes[${i}]`));

  const [existing] = await deps.db
    .select({ id: acts.id })
    .from(acts)
    .where(and(eq(acts.structureId, structure.id), eq(acts.number, m.number)));
  if (existing) throw duplicateNumber(m.number);

  const key: ActKey = {
    departement: structure.departement,
    siren: structure.siren,
    decisionDate: m.decisionDate,
    number: m.number,
    nature: m.nature,
  };
  const actorRef = actor ? auditActorRef(actor) : { kind: 'system' as const, id: 'anonyme', label: 'anonyme' };
  try {
    return await deps.db.transaction(async (tx) => {
      const [act] = await tx
        .insert(acts)
        .values({
          structureId: structure.id,
          nature: m.nature,
          classification: m.classification,
          classificationDate: classification.date,
          number: m.number,
          decisionDate: m.decisionDate,
          object: m.object,
          status: 'EN_ATTENTE_TRANSMISSION',
          createdBy: actorRef.label,
          createdByPersonId: actor?.kind === 'person' ? actor.personId : null,
          createdAt: now,
          updatedAt: now,
        })
        .returning({ id: acts.id });
      const actId = act!.id;
      const pieces = [
        { part: input.document!, typology: m.documentType, ext: 'pdf' },
        ...input.annexes.map((part, i) => ({ part, typology: annexTypes[i]!, ext: annexExtensions[i]! })),
      ];
      await tx.insert(actPieces).values(
        pieces.map((p, i) => ({
          actId,
          position: i + 1,
          fileId: p.part.file.id,
          typology: p.typology,
          extension: p.ext,
          archiveName: pieceFileName(key, '1-1', p.typology, i + 1, p.ext),
          originalName: p.part.file.fileName || `piece-${i + 1}.${p.ext}`,
        })),
      );
      await recordActStep(tx, {
        actId,
        structureId: structure.id,
        kind: 'created',
        status: 'EN_ATTENTE_TRANSMISSION',
        label: `Acte ${m.number} créé, en attente de transmission`,
        detail: {
          number: m.number,
          nature: m.nature,
          classification: m.classification,
          decisionDate: m.decisionDate,
          annexes: input.annexes.length,
        },
        at: now,
        actor: actorRef,
      });
      return { id: actId, status: 'EN_ATTENTE_TRANSMISSION' as const, structureId: structure.id };
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505' || /acts_structure_number_uq/.test(String(error)))
      throw duplicateNumber(m.number);
    throw error;
  }
}

const duplicateNumber = (number: string) =>
  new AppError(
    'DUPLICATE_ACT_NUMBER',
    `number : un acte portant le numéro ${number} existe déjà pour cette collectivité.`,
    409,
    { field: 'number' },
  );

export const todayInParis = (deps: ActsDeps) => parisDate(deps.clock.now());
