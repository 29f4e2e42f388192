// The DECP 2.0.3 document of a buyer's contracts notified in a year (`GET /api/tenders/decp?buyer=SIRET&year=YYYY`),
// built from the awards and validated against our strict schema and the official one before it leaves: a failure is an error of ours,
// never a published invalid document.
import Decimal from 'decimal.js';
import { and, eq, gte, isNotNull, lt } from 'drizzle-orm';
import { establishments } from '../../../db/schema/directory.ts';
import { tenderAwards, tenderConsultations, tenderDeposits, tenderLots } from '../../../db/schema/tenders.ts';
import { parisDay, parisMidnight } from '../../platform/calendar/index.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { partyOf } from '../deposits/parties.ts';
import type { TenderDeps } from '../settings.ts';
import { AwardDecpSchema, DecpDocumentSchema, type Marche } from './decp-schema.ts';
import { officialDecpIssues } from './official-schema.ts';

export interface DecpQuery {
  buyerSiret: string;
  year: number;
  /** Test consultations (OE-06) are left out of real publication; included on request, marked in their `objet`. */
  includeTests?: boolean;
}

export async function exportDecp(deps: TenderDeps, query: DecpQuery): Promise<{ marches: { marche: Marche[] } }> {
  if (!/^[0-9]{14}$/.test(query.buyerSiret))
    throw new AppError('VALIDATION_FAILED', 'Le paramètre buyer est le SIRET de l’acheteur (14 chiffres).', 400, {
      field: 'buyer',
    });
  if (!Number.isInteger(query.year) || query.year < 2024 || query.year > 2100)
    throw new AppError(
      'VALIDATION_FAILED',
      'Le format DECP 2.0.3 couvre les contrats notifiés depuis 2024 (year ≥ 2024).',
      400,
      {
        field: 'year',
      },
    );
  const [buyer] = await deps.db
    .select({ structureId: establishments.structureId })
    .from(establishments)
    .where(eq(establishments.siret, query.buyerSiret));
  if (!buyer) throw notFound('Acheteur');
  const from = parisMidnight(`${query.year}-01-01`);
  const to = parisMidnight(`${query.year + 1}-01-01`);
  const rows = await deps.db
    .select({ award: tenderAwards, consultation: tenderConsultations, lot: tenderLots, deposit: tenderDeposits })
    .from(tenderAwards)
    .innerJoin(tenderConsultations, eq(tenderConsultations.id, tenderAwards.consultationId))
    .innerJoin(tenderLots, eq(tenderLots.id, tenderAwards.lotId))
    .innerJoin(tenderDeposits, eq(tenderDeposits.id, tenderAwards.depositId))
    .where(
      and(
        eq(tenderConsultations.buyerId, buyer.structureId),
        isNotNull(tenderAwards.notifiedAt),
        gte(tenderAwards.notifiedAt, from),
        lt(tenderAwards.notifiedAt, to),
      ),
    );
  const marche: Marche[] = [];
  for (const { award, consultation, lot, deposit } of rows) {
    if (consultation.isTest && !query.includeTests) continue;
    const lots = await deps.db
      .select({ id: tenderLots.id })
      .from(tenderLots)
      .where(eq(tenderLots.consultationId, consultation.id));
    const holder = await partyOf(deps.db, deposit.companyId);
    const d = AwardDecpSchema.parse(award.decp);
    marche.push({
      id: lots.length > 1 ? `${consultation.reference.slice(0, 12)}-L${lot.number}` : consultation.reference,
      acheteur: { id: query.buyerSiret },
      nature: 'Marché',
      objet:
        `${consultation.isTest ? '[CONSULTATION DE TEST] ' : ''}${consultation.object}${lots.length > 1 ? ` – lot ${lot.number} : ${lot.title}` : ''}`.slice(
          0,
          1000,
        ),
      codeCPV: lot.cpv,
      techniques: { technique: d.techniques },
      modalitesExecution: { modaliteExecution: d.modalitesExecution },
      marcheInnovant: d.marcheInnovant,
      ccag: d.ccag,
      offresRecues: Math.max(1, award.offersReceived),
      attributionAvance: d.attributionAvance,
      typeGroupementOperateurs: d.typeGroupementOperateurs,
      sousTraitanceDeclaree: d.sousTraitanceDeclaree,
      procedure: consultation.procedure as Marche['procedure'],
      lieuExecution: {
        code: consultation.placeCode,
        typeCode: consultation.placeCodeType as Marche['lieuExecution']['typeCode'],
      },
      dureeMois: consultation.durationMonths,
      dateNotification: parisDay(award.notifiedAt as Date).date,
      datePublicationDonnees: parisDay((award.decpPublishedAt ?? award.notifiedAt) as Date).date,
      // DECP's `montant` is a JSON number: the exact decimal is written as the nearest double (2 decimals survive).
      montant: new Decimal(award.amount).toNumber(),
      typesPrix: { typePrix: d.typesPrix },
      formePrix: d.formePrix,
      titulaires: [{ titulaire: { typeIdentifiant: 'SIRET', id: holder.siret ?? '' } }],
      considerationsSociales: { considerationSociale: d.considerationsSociales },
      considerationsEnvironnementales: { considerationEnvironnementale: d.considerationsEnvironnementales },
    });
  }
  const document = { marches: { marche } };
  const checked = DecpDocumentSchema.safeParse(document);
  const issues = checked.success
    ? officialDecpIssues(document)
    : checked.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  if (issues.length > 0) {
    deps.logger.error({ issues }, 'DECP export failed the DECP 2.0.3 schema');
    throw new AppError(
      'DECP_INVALID',
      'Les données essentielles ne respectent pas le schéma DECP 2.0.3 : publication refusée.',
      500,
      { issues },
    );
  }
  return document;
}
