// Draws the stamp in a box at the top right of the first page, where letterheads leave room. Helvetica (WinAnsi)
// covers every character the lines can hold (French words, digits, the IDActe); it is embedded as a standard font.
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { AppError } from '../../platform/errors.ts';

const FONT_SIZE = 7;
const PADDING = 4;
const MARGIN = 12;

export async function stampPdf(bytes: Uint8Array, lines: string[]): Promise<Uint8Array> {
  try {
    return await draw(await PDFDocument.load(bytes, { updateMetadata: false }), lines);
  } catch (error) {
    if (error instanceof AppError) throw error;
    // pdf-lib loads damaged files leniently and fails later, on the page tree: every failure is the file's.
    const encrypted = /encrypt/i.test(String((error as Error)?.message ?? error));
    throw new AppError(
      encrypted ? 'PDF_ENCRYPTED' : 'PDF_UNREADABLE',
      encrypted
        ? 'Le document principal de l’acte est chiffré : le tampon ne peut pas y être apposé.'
        : 'Le document principal de l’acte n’est pas un PDF lisible : le tampon ne peut pas y être apposé.',
      422,
    );
  }
}

async function draw(doc: PDFDocument, lines: string[]): Promise<Uint8Array> {
  const page = doc.getPages()[0];
  if (!page)
    throw new AppError('PDF_UNREADABLE', 'Le document principal de l’acte n’a aucune page : rien à tamponner.', 422);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const width = Math.max(...lines.map((l) => font.widthOfTextAtSize(l, FONT_SIZE))) + 2 * PADDING;
  const lineHeight = FONT_SIZE * 1.3;
  const height = lines.length * lineHeight + 2 * PADDING;
  const { x: left, y: bottom, width: pageWidth, height: pageHeight } = page.getCropBox();
  const x = left + pageWidth - width - MARGIN;
  const y = bottom + pageHeight - height - MARGIN;
  page.drawRectangle({ x, y, width, height, color: rgb(1, 1, 1), borderColor: rgb(0, 0, 0.55), borderWidth: 0.8 });
  lines.forEach((line, i) =>
    page.drawText(line, {
      x: x + PADDING,
      y: y + height - PADDING - (i + 1) * lineHeight + (lineHeight - FONT_SIZE) / 2 + 1,
      size: FONT_SIZE,
      font,
      color: rgb(0, 0, 0.55),
    }),
  );
  return doc.save({ useObjectStreams: false });
}
