// consulterCRDetaille / consulterCR: the state of a deposited flux, derived from what its invoices became.
// Waiting while an accepted invoice has not left DEPOSEE yet (its lifecycle routes it asynchronously), then
// IN_INTEGRE, IN_INTEGRE_PARTIEL (some refused, listed in listeErreurDP) or IN_REJETE.
import { and, asc, eq } from 'drizzle-orm';
import { chorusMirrorFluxes, chorusMirrorFluxItems } from '../../../../db/schema/chorus.ts';
import { invoices } from '../../../../db/schema/invoices.ts';
import { getStructure } from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import {
  LIBELLE_OK_TRANSVERSES,
  SYNTAXES_FLUX,
  type ConsulterCRDetailleResponse,
  type ErreurDP,
  type ErreurTechnique,
  type EtatFlux,
  type SyntaxeFlux,
} from '../../domain/api-contract.ts';
import { chorusIsoDateTime } from '../../domain/dates.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { fluxNumber, fluxSequence } from './flux-number.ts';

export async function fluxReport(
  deps: AppDeps,
  session: MirrorSession,
  numeroFluxDepot: unknown,
): Promise<ConsulterCRDetailleResponse> {
  const sequence = fluxSequence(numeroFluxDepot);
  const [flux] =
    sequence === undefined
      ? []
      : await deps.db
          .select()
          .from(chorusMirrorFluxes)
          .where(
            and(eq(chorusMirrorFluxes.sequence, sequence), eq(chorusMirrorFluxes.supplierId, session.structureId)),
          );
  if (!flux) throw new MirrorRefusal(20004, `Le flux ${String(numeroFluxDepot)} est introuvable pour cette structure.`);

  const [items, supplier] = await Promise.all([
    deps.db
      .select({
        fileName: chorusMirrorFluxItems.fileName,
        invoiceNumber: chorusMirrorFluxItems.invoiceNumber,
        buyerIdentifier: chorusMirrorFluxItems.buyerIdentifier,
        refusalMessage: chorusMirrorFluxItems.refusalMessage,
        invoiceId: chorusMirrorFluxItems.invoiceId,
        eventCount: invoices.eventCount,
        statusChangedAt: invoices.statusChangedAt,
        buyerSiret: invoices.buyerSiret,
      })
      .from(chorusMirrorFluxItems)
      .leftJoin(invoices, eq(invoices.id, chorusMirrorFluxItems.invoiceId))
      .where(eq(chorusMirrorFluxItems.fluxSequence, flux.sequence))
      .orderBy(asc(chorusMirrorFluxItems.position)),
    getStructure(deps.db, flux.supplierId),
  ]);

  const technical = flux.technicalErrors as ErreurTechnique[];
  const accepted = items.filter((i) => i.invoiceId !== null);
  const refused = items.filter((i) => i.invoiceId === null);
  const waiting = accepted.some((i) => (i.eventCount ?? 0) <= 1);
  const state: EtatFlux =
    technical.length > 0
      ? 'IN_REJETE'
      : waiting
        ? 'IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP'
        : accepted.length === 0
          ? 'IN_REJETE'
          : refused.length > 0
            ? 'IN_INTEGRE_PARTIEL'
            : 'IN_INTEGRE';
  const changedAt = waiting
    ? flux.depositedAt
    : new Date(Math.max(flux.depositedAt.getTime(), ...accepted.map((i) => i.statusChangedAt?.getTime() ?? 0)));
  const interfaceCode = SYNTAXES_FLUX[flux.syntaxeFlux as SyntaxeFlux]?.interfaceCode ?? 'FSO1100A';
  const numero = fluxNumber(flux.sequence);
  const listeErreurDP: ErreurDP[] = waiting
    ? []
    : refused.map((i) => ({
        // The invoice number (BT-1); the file name only when the file could not be read at all.
        numeroDP: i.invoiceNumber ?? i.fileName.replace(/\.[^.]+$/, ''),
        // As every search gives the supplier: its SIRET (its VAT number for a foreign supplier).
        identifiantFournisseur: supplier?.siret ?? supplier?.vatNumber ?? '',
        identifiantDestinataire: i.buyerIdentifier ?? i.buyerSiret ?? '',
        libelleErreurDP: i.refusalMessage ?? 'Facture refusée',
      }));
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    numeroFluxDepot: numero,
    codeInterfaceDepotFlux: interfaceCode,
    dateDepotFlux: chorusIsoDateTime(flux.depositedAt),
    dateHeureEtatCourantFlux: chorusIsoDateTime(changedAt),
    etatCourantDepotFlux: state,
    nomFichier: `${interfaceCode}_CPP001_${numero}`,
    listeErreurDP,
    listeErreurTechnique: technical,
  };
}
