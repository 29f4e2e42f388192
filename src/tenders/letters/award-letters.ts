// The letters of an award (CCP R. 2181-1 to R. 2181-3): to each unsuccessful company, the reasons, the winner and
// the date from which the contract may be signed (standstill end); to the winner, the award and the same date.
import { line, parisDateTime, pdfDocument } from './pdf.ts';

export interface LetterFacts {
  buyer: string;
  consultation: { reference: string; title: string; isTest: boolean };
  lot: { number: number; title: string };
  company: string;
  winner: string;
  amount: string;
  reasons: string;
  standstillEndsAt: Date;
  sentAt: Date;
}

export function rejectionLetter(f: LetterFacts): Promise<Buffer> {
  const { doc, bytes } = pdfDocument('Lettre de rejet de votre offre', f.sentAt);
  header(doc, f);
  doc
    .moveDown()
    .text(
      `Nous vous informons que votre offre pour le lot ${f.lot.number} n’a pas été retenue. ` +
        `Le lot est attribué à ${f.winner}, pour un montant de ${f.amount} € HT.`,
    );
  doc.moveDown().font('Helvetica-Bold').text('Motifs du rejet').font('Helvetica').text(f.reasons);
  doc
    .moveDown()
    .text(
      `Le marché ne pourra pas être signé avant le ${parisDateTime(f.standstillEndsAt)} ` +
        '(délai de suspension de onze jours, article R. 2182-1 du code de la commande publique).',
    );
  doc.end();
  return bytes;
}

export function awardLetter(f: LetterFacts): Promise<Buffer> {
  const { doc, bytes } = pdfDocument('Lettre d’attribution', f.sentAt);
  header(doc, f);
  doc
    .moveDown()
    .text(
      `Nous avons le plaisir de vous informer que votre offre pour le lot ${f.lot.number} est retenue, pour un ` +
        `montant de ${f.amount} € HT. Le marché vous sera notifié après sa signature, qui ne peut intervenir avant le ` +
        `${parisDateTime(f.standstillEndsAt)}.`,
    );
  doc.end();
  return bytes;
}

function header(doc: PDFKit.PDFDocument, f: LetterFacts): void {
  line(doc, 'Acheteur', f.buyer);
  line(
    doc,
    'Consultation',
    `${f.consultation.reference} – ${f.consultation.title}${f.consultation.isTest ? ' (test)' : ''}`,
  );
  line(doc, 'Lot', `${f.lot.number} – ${f.lot.title}`);
  line(doc, 'Destinataire', f.company);
  line(doc, 'Envoyée le', parisDateTime(f.sentAt));
}
