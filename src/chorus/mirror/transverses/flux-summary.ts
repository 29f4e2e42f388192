// consulterCR: the short report of a flux (consulterCRDetaille without the error lists, field names of consulterCR),
// with the report as a PDF (`fichierCR`) and the partner application the flux came through.
import type { AppDeps } from '../../../platform/http.ts';
import { fluxReport } from '../flux/flux-report.ts';
import { fluxReportPdf } from '../flux/report-pdf.ts';
import type { MirrorSession } from '../session.ts';

/**
 * A flux deposited through the API enters by Chorus's own API gateway: "CPP001" / "CPP" is how the portal names
 * itself as emitter in its exchanges (pivot envelope, report file names `FSO1110A_CPP001_…`). [GUESS: the
 * sources give the field names, not their values for an API deposit.]
 */
export const API_PARTNER = { codeAppliPartenaire: 'CPP001', designationPartenaire: 'CPP' } as const;

export async function fluxSummary(deps: AppDeps, session: MirrorSession, body: Record<string, unknown>) {
  const report = await fluxReport(deps, session, body.numeroFluxDepot);
  const pdf = await fluxReportPdf(report, deps.clock.now());
  return {
    codeRetour: 0,
    libelle: report.libelle,
    numeroFluxDepot: report.numeroFluxDepot,
    etatCourantFlux: report.etatCourantDepotFlux,
    dateDepotFlux: report.dateDepotFlux,
    dateHeureEtatCourantFlux: report.dateHeureEtatCourantFlux,
    codeInterfaceFlux: report.codeInterfaceDepotFlux,
    ...API_PARTNER,
    nomFichierFlux: report.nomFichier,
    fichierCR: Buffer.from(pdf).toString('base64'),
  };
}
