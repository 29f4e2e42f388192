// Small layout primitives over pdfkit: flowing sections, key/value blocks and
// tables that break across pages and repeat their header.
import { FONT_BOLD, FONT_REGULAR } from './fonts.ts';

type Doc = PDFKit.PDFDocument;

export const TEXT_SIZE = 8.5;
export const SMALL_SIZE = 7.5;
const CELL_PAD = 2.5;
const GREY = '#555555';
const RULE = '#bbbbbb';
const HEADER_FILL = '#eeeeee';
/** Longest text put in one cell or value; the XML remains the complete document. */
const MAX_CELL_CHARS = 1200;

export function left(doc: Doc): number {
  return doc.page.margins.left;
}

export function contentWidth(doc: Doc): number {
  return doc.page.width - doc.page.margins.left - doc.page.margins.right;
}

export function bottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom;
}

/** Starts a new page when less than `height` points are left. */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** Printable text: control characters removed, very long values shortened. */
export function clean(text: string | undefined): string {
  if (text === undefined) return '';
  const flat = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
  return flat.length > MAX_CELL_CHARS ? `${flat.slice(0, MAX_CELL_CHARS)}…` : flat;
}

/** One line of text at most `max` characters long: control characters and line breaks become spaces. */
export function shortened(text: string, max: number): string {
  const flat = text
    .slice(0, max + 1)
    .replace(/[\u0000-\u001f\u007f]+/g, ' ')
    .trim();
  if (flat.length <= max) return flat;
  const cut = /[\ud800-\udbff]/.test(flat.charAt(max - 2)) ? max - 2 : max - 1; // never half a surrogate pair
  return `${flat.slice(0, cut)}…`;
}

/** A section title, kept on the same page as the first rows that follow it. */
export function sectionTitle(doc: Doc, title: string): void {
  ensureSpace(doc, 80);
  doc.moveDown(0.6);
  doc
    .font(FONT_BOLD)
    .fontSize(10)
    .fillColor('black')
    .text(title, left(doc), doc.y, { width: contentWidth(doc) });
  const y = doc.y + 1;
  doc
    .moveTo(left(doc), y)
    .lineTo(left(doc) + contentWidth(doc), y)
    .lineWidth(0.5)
    .strokeColor(RULE)
    .stroke();
  doc.y = y + 3;
  doc.font(FONT_REGULAR).fontSize(TEXT_SIZE);
}

export type Pair = readonly [label: string, value: string | undefined];

/** Height of a key/value block, to keep blocks side by side on one page. */
export function pairsHeight(doc: Doc, pairs: readonly Pair[], width: number, labelWidth: number): number {
  doc.font(FONT_REGULAR).fontSize(TEXT_SIZE);
  let h = 0;
  for (const [label, value] of present(pairs)) {
    doc.font(FONT_BOLD);
    const lh = doc.heightOfString(label, { width: labelWidth - 4 });
    doc.font(FONT_REGULAR);
    h += Math.max(lh, doc.heightOfString(clean(value), { width: width - labelWidth })) + 1;
  }
  return h;
}

/** Label/value rows at (x, y); returns the y after the block. Empty values are skipped. */
export function drawPairs(
  doc: Doc,
  pairs: readonly Pair[],
  x: number,
  y: number,
  width: number,
  labelWidth: number,
): number {
  let cy = y;
  for (const [label, value] of present(pairs)) {
    const text = clean(value);
    doc.font(FONT_BOLD).fontSize(TEXT_SIZE).fillColor(GREY);
    const lh = doc.heightOfString(label, { width: labelWidth - 4 });
    doc.font(FONT_REGULAR);
    const vh = doc.heightOfString(text, { width: width - labelWidth });
    if (cy + Math.max(lh, vh) > bottom(doc)) {
      doc.addPage();
      cy = doc.y;
    }
    doc
      .font(FONT_BOLD)
      .fillColor(GREY)
      .text(label, x, cy, { width: labelWidth - 4 });
    doc
      .font(FONT_REGULAR)
      .fillColor('black')
      .text(text, x + labelWidth, cy, { width: width - labelWidth });
    cy += Math.max(lh, vh) + 1;
  }
  doc.fillColor('black');
  return cy;
}

function present(pairs: readonly Pair[]): [string, string][] {
  return pairs
    .filter((p): p is readonly [string, string] => p[1] !== undefined && p[1].trim() !== '')
    .map(([l, v]) => [l, v]);
}

export interface Column {
  header: string;
  /** Share of the content width. */
  weight: number;
  align?: 'left' | 'right' | 'center';
}

/** A table that flows over as many pages as needed, repeating its header row. */
export function drawTable(
  doc: Doc,
  columns: readonly Column[],
  rows: Iterable<readonly string[]>,
  fontSize = TEXT_SIZE,
): void {
  const x0 = left(doc);
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => (c.weight / total) * contentWidth(doc));
  const header = (): void => {
    doc.font(FONT_BOLD).fontSize(fontSize);
    const h =
      Math.max(...columns.map((c, i) => doc.heightOfString(c.header, { width: widths[i]! - 2 * CELL_PAD }))) +
      2 * CELL_PAD;
    ensureSpace(doc, h + 3 * fontSize);
    const y = doc.y;
    doc.rect(x0, y, contentWidth(doc), h).fillColor(HEADER_FILL).fill();
    doc.fillColor('black');
    let x = x0;
    columns.forEach((c, i) => {
      doc.text(c.header, x + CELL_PAD, y + CELL_PAD, { width: widths[i]! - 2 * CELL_PAD, align: c.align ?? 'left' });
      x += widths[i]!;
    });
    doc.y = y + h;
    doc.font(FONT_REGULAR);
  };

  header();
  for (const row of rows) {
    doc.font(FONT_REGULAR).fontSize(fontSize);
    const cells = columns.map((_, i) => clean(row[i]));
    const h =
      Math.max(...cells.map((t, i) => doc.heightOfString(t || ' ', { width: widths[i]! - 2 * CELL_PAD }))) +
      2 * CELL_PAD;
    if (doc.y + h > bottom(doc)) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    let x = x0;
    cells.forEach((text, i) => {
      if (text)
        doc.text(text, x + CELL_PAD, y + CELL_PAD, {
          width: widths[i]! - 2 * CELL_PAD,
          align: columns[i]!.align ?? 'left',
        });
      x += widths[i]!;
    });
    doc
      .moveTo(x0, y + h)
      .lineTo(x0 + contentWidth(doc), y + h)
      .lineWidth(0.3)
      .strokeColor(RULE)
      .stroke();
    doc.y = y + h;
  }
  doc.x = x0;
}

/** "Page n / total" and a reference on every buffered page. */
export function drawFooters(doc: Doc, reference: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const savedBottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 30;
    doc.font(FONT_REGULAR).fontSize(SMALL_SIZE).fillColor(GREY);
    doc.text(clean(reference), left(doc), y, {
      width: contentWidth(doc) * 0.75,
      lineBreak: false,
      ellipsis: true,
      height: 10,
    });
    doc.text(`Page ${i + 1} / ${range.count}`, left(doc), y, {
      width: contentWidth(doc),
      align: 'right',
      lineBreak: false,
    });
    doc.page.margins.bottom = savedBottom;
  }
  doc.fillColor('black');
}
