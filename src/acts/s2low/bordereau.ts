// S²LOW's "bordereau d'acquittement": one A4 page saying what was sent, when, and what the prefecture
// acknowledged (IDActe, reception date), as an agent files it with the paper original.
import { eq } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { structures } from '../../../db/schema/directory.ts';
import { parisDay } from '../../platform/calendar/index.ts';
import { AppError } from '../../platform/errors.ts';
import type { ActsDeps } from '../deps.ts';
import { ACT_NATURES, type ActNature } from '../domain/natures.ts';
import { STATUS_LABELS, type ActStatus } from '../domain/statuses.ts';
import type { ActRow } from '../queries/find-act.ts';
import { actPiecesOf } from './transactions.ts';

const frenchDate = (iso: string) => iso.split('-').reverse().join('/');

function parisDateTime(at: Date): string {
  const { date, msSinceMidnight } = parisDay(at);
  const minutes = Math.floor(msSinceMidnight / 60_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${frenchDate(date)} à ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} (heure de Paris)`;
}

export async function bordereauPdf(deps: ActsDeps, act: ActRow): Promise<Buffer> {
  if (!act.idActe || !act.receivedOn)
    throw new AppError(
      'NOT_ACKNOWLEDGED',
      "Le bordereau d'acquittement n'existe qu'une fois l'accusé de réception de la préfecture reçu.",
      409,
    );
  const [structure] = await deps.db.select().from(structures).where(eq(structures.id, act.structureId));
  const pieces = await actPiecesOf(deps, act.id);
  const at = deps.clock.now();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 56, right: 56 },
    lang: 'fr-FR',
    info: { Title: `Bordereau d’acquittement ${act.idActe}`, CreationDate: at, ModDate: at },
  });
  const bytes = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (label: string, value: string) =>
    doc.font('Helvetica-Bold').text(`${label} : `, { continued: true }).font('Helvetica').text(value);

  doc.font('Helvetica-Bold').fontSize(15).text('Bordereau d’acquittement de transmission');
  doc.moveDown(0.3).font('Helvetica').fontSize(10).text('Contrôle de légalité : transmission à la préfecture (@CTES)');
  doc.moveDown();
  line('Collectivité', `${structure?.name ?? ''} (SIREN ${structure?.siren ?? ''})`);
  line('Identifiant unique de l’acte', act.idActe);
  line('Numéro de l’acte', act.number);
  line('Nature', ACT_NATURES[act.nature as ActNature]?.label ?? String(act.nature));
  line('Classification', `${act.classification} (version du ${frenchDate(act.classificationDate)})`);
  line('Date de décision', frenchDate(act.decisionDate));
  line('Objet', act.object);
  doc.moveDown();
  if (act.sentAt) line('Envoyé en préfecture le', parisDateTime(act.sentAt));
  line('Reçu en préfecture le', frenchDate(act.receivedOn));
  line('État', STATUS_LABELS[act.status as ActStatus] ?? act.status);
  doc.moveDown();
  doc.font('Helvetica-Bold').text('Pièces transmises');
  doc.font('Helvetica');
  pieces.forEach((p, i) =>
    doc.text(`${i === 0 ? 'Acte' : `Annexe ${i}`} : ${p.originalName} (${p.typology}, transmis sous ${p.archiveName})`),
  );
  doc.moveDown();
  doc.fontSize(8).text(`Bordereau édité le ${parisDateTime(at)}.`);
  doc.end();
  return bytes;
}
