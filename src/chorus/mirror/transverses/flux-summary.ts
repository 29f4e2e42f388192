// consulterCR: the short report of a flux (consulterCRDetaille without the error lists, field names of consulterCR).
import type { AppDeps } from '../../../platform/http.ts';
import { fluxReport } from '../flux/flux-report.ts';
import type { MirrorSession } from '../session.ts';

export async function fluxSummary(deps: AppDeps, session: MirrorSession, body: Record<string, unknown>) {
  const report = await fluxReport(deps, session, body.numeroFluxDepot);
  return {
    codeRetour: 0,
    libelle: report.libelle,
    numeroFluxDepot: report.numeroFluxDepot,
    etatCourantFlux: report.etatCourantDepotFlux,
    dateDepotFlux: report.dateDepotFlux,
    dateHeureEtatCourantFlux: report.dateHeureEtatCourantFlux,
    codeInterfaceFlux: report.codeInterfaceDepotFlux,
    nomFichierFlux: report.nomFichier,
  };
}
