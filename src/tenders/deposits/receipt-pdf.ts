// The acknowledgement as a PDF: the same five legal items as the JSON, whose exact bytes the time-stamp covers.
import type { Receipt } from '../domain/index.ts';
import { formatSize } from '../../platform/files/index.ts';
import { line, parisDateTime, pdfDocument } from '../letters/pdf.ts';

export function receiptPdf(receipt: Receipt, receiptSha256: string): Promise<Buffer> {
  const receivedAt = new Date(receipt.dateHeureReception);
  const { doc, bytes } = pdfDocument('Accusé de réception de dépôt', receivedAt);
  line(
    doc,
    'Opérateur économique',
    `${receipt.operateurEconomique.nom} (SIRET ${receipt.operateurEconomique.siret ?? 'non renseigné'})`,
  );
  line(doc, 'Acheteur', `${receipt.acheteur.nom} (SIRET ${receipt.acheteur.siret ?? 'non renseigné'})`);
  line(
    doc,
    'Consultation',
    `${receipt.consultation.reference} – ${receipt.consultation.titre}${receipt.consultation.test ? ' (consultation de test)' : ''}`,
  );
  line(doc, 'Objet', receipt.consultation.objet);
  line(doc, 'Lot', `${receipt.lot.numero} – ${receipt.lot.intitule}`);
  line(doc, 'Date et heure de réception (fin de transmission)', parisDateTime(receivedAt));
  line(doc, 'Début de transmission', parisDateTime(new Date(receipt.debutTransmission)));
  line(doc, 'Date limite', parisDateTime(new Date(receipt.dateLimite)));
  if (receipt.horsDelai)
    doc
      .moveDown(0.3)
      .font('Helvetica-Bold')
      .text('Pli reçu HORS DÉLAI : conservé, il ne sera pas ouvert comme une offre valable.');
  doc.moveDown(0.6).font('Helvetica-Bold').text('Documents transmis');
  doc.font('Helvetica');
  for (const d of receipt.documents) {
    doc.text(
      `${d.enveloppe === 'candidature' ? 'Candidature' : 'Offre'} – ${d.nom} – ${formatSize(d.taille)} (${d.taille} octets)`,
    );
    doc.fontSize(8).text(`SHA-256 ${d.sha256} – antivirus : ${d.antivirus.detail}`).fontSize(10);
  }
  for (const warning of receipt.avertissements)
    doc.moveDown(0.3).font('Helvetica-Bold').text(warning).font('Helvetica');
  doc
    .moveDown(0.8)
    .fontSize(8)
    .text(
      `Référence du dépôt ${receipt.depositId}. Ce reçu reproduit l’accusé de réception JSON (SHA-256 ${receiptSha256}), ` +
        'horodaté par un jeton RFC 3161 vérifiable hors ligne : openssl ts -verify -data accuse.json -in jeton.tsr -CAfile chaine.pem',
    );
  doc.end();
  return bytes;
}
