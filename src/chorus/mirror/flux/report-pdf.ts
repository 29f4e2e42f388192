// The compte rendu of a flux as a PDF (`consulterCR.fichierCR`): the flux, its state and every error, in French.
import PDFDocument from 'pdfkit';
import type { ConsulterCRDetailleResponse } from '../../domain/api-contract.ts';

const LABELS: Record<string, string> = {
  IN_DEPOT_PORTAIL_EN_ATTENTE_TRAITEMENT_SE_CPP: 'en attente de traitement',
  IN_INTEGRE: 'intégré',
  IN_INTEGRE_PARTIEL: 'intégré partiellement',
  IN_REJETE: 'rejeté',
};

export function fluxReportPdf(report: ConsulterCRDetailleResponse, at: Date): Promise<Uint8Array> {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 48, bottom: 48, left: 48, right: 48 },
    lang: 'fr-FR',
    info: { Title: `Compte rendu du flux ${report.numeroFluxDepot ?? ''}`, CreationDate: at, ModDate: at },
  });
  const bytes = collect(doc);
  doc.font('Helvetica-Bold').fontSize(14).text('Compte rendu de traitement du flux');
  doc.moveDown(0.5).font('Helvetica').fontSize(10);
  const line = (label: string, value: string) =>
    doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(value);
  line('Numéro de flux', report.numeroFluxDepot ?? '');
  line('Fichier', report.nomFichier);
  line('Interface', report.codeInterfaceDepotFlux);
  line('Déposé le', report.dateDepotFlux);
  line(
    'État',
    `${report.etatCourantDepotFlux} (${LABELS[report.etatCourantDepotFlux] ?? 'état'}), au ${report.dateHeureEtatCourantFlux}`,
  );
  doc.moveDown();
  if (report.listeErreurTechnique.length === 0 && report.listeErreurDP.length === 0) {
    doc.text('Aucune anomalie.');
  }
  for (const e of report.listeErreurTechnique) {
    doc.font('Helvetica-Bold').text(`Erreur technique ${e.codeErreur}`).font('Helvetica').text(e.libelleErreur);
    doc.moveDown(0.5);
  }
  for (const e of report.listeErreurDP) {
    doc
      .font('Helvetica-Bold')
      .text(`Facture ${e.numeroDP} rejetée`)
      .font('Helvetica')
      .text(`Fournisseur ${e.identifiantFournisseur}, destinataire ${e.identifiantDestinataire || 'non identifié'}`)
      .text(e.libelleErreurDP);
    doc.moveDown(0.5);
  }
  doc.end();
  return bytes;
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}
