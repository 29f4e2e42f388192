// engagementsJuridiques/v1/rechercher: legal commitments (engagements juridiques, the purchase orders an invoice
// must quote). Odoo checks an invoice's commitment number with it before sending (l10n_fr_chorus_account
// chorus_api_check_commitment_number: `structureReceptriceEngagementJuridique` = the supplier's idStructureCPP,
// `numeroEngagementJuridique`, `etatCourantEngagementJuridique: "COMMANDE"`; it reads only `listeEngagementJuridique`).
// The hub keeps no register of commitments (the collectivities' finance software does): it knows the engagement
// numbers its invoices carried, and answers those between the supplier and its public buyers. A number never used
// answers "no result", as Chorus does for an unknown commitment. [The row fields beyond the request's are a guess.]
import { and, eq, isNotNull, ne } from 'drizzle-orm';
import { invoices } from '../../../../db/schema/invoices.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES } from '../../domain/api-contract.ts';
import { cppIdOf, hubIdOf } from '../../ids.ts';
import { MirrorRefusal, noResult } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { objectOf, textCriterion, type Json } from './criteria.ts';
import { pageRequest, parametresRetour, slicePage } from './paging.ts';

export async function searchEngagements(deps: AppDeps, session: MirrorSession, body: Json) {
  const ownId = await cppIdOf(deps.db, 'structure', session.structureId);
  // The supplier side names itself as the receiving structure; the recipient side names the issuing one.
  const receiving = body.structureReceptriceEngagementJuridique;
  const issuing = body.structureEmettriceEngagementJuridique;
  const named = session.role === 'supplier' ? receiving : issuing;
  if (named !== undefined && named !== null && named !== '' && Number(named) !== ownId)
    throw new MirrorRefusal(20005, 'Ce compte technique n’agit pas pour cette structure.');
  const other = session.role === 'supplier' ? issuing : receiving;
  const otherId =
    other === undefined || other === null || other === ''
      ? undefined
      : await hubIdOf(deps.db, 'structure', Number(other));
  if (other !== undefined && other !== null && other !== '' && otherId === undefined) throw noResult();
  const state = textCriterion(body, 'etatCourantEngagementJuridique');
  if (state !== undefined && state !== 'COMMANDE') throw noResult();
  const number = textCriterion(body, 'numeroEngagementJuridique');

  const side = session.role === 'supplier' ? invoices.supplierId : invoices.buyerId;
  const rows = await deps.db
    .selectDistinct({
      number: invoices.engagementNumber,
      supplierId: invoices.supplierId,
      buyerId: invoices.buyerId,
      buyerSiret: invoices.buyerSiret,
    })
    .from(invoices)
    .where(
      and(
        eq(side, session.structureId),
        isNotNull(invoices.engagementNumber),
        ne(invoices.status, 'REJETEE'),
        number !== undefined ? eq(invoices.engagementNumber, number) : undefined,
        otherId !== undefined
          ? eq(session.role === 'supplier' ? invoices.buyerId : invoices.supplierId, otherId)
          : undefined,
      ),
    )
    .orderBy(invoices.engagementNumber);
  if (rows.length === 0) throw noResult();
  const paging = pageRequest(objectOf(body.parametresRecherche ?? body.pagination));
  const list = [];
  for (const r of slicePage(rows, paging)) {
    list.push({
      numeroEngagementJuridique: r.number,
      etatCourantEngagementJuridique: 'COMMANDE',
      structureReceptriceEngagementJuridique: await cppIdOf(deps.db, 'structure', r.supplierId),
      structureEmettriceEngagementJuridique: await cppIdOf(deps.db, 'structure', r.buyerId),
      identifiantStructureEmettrice: r.buyerSiret,
    });
  }
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeEngagementJuridique: list,
    parametresRetour: parametresRetour(paging, rows.length),
  };
}
