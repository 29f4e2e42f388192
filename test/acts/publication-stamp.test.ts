// The stamp on PDFs that are not what they claim: a French error with its code, never a crash.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { stampPdf } from '../../src/acts/stamp/stamp-pdf.ts';
import { AppError } from '../../src/platform/errors.ts';

const LINES = [
  'Envoyé en préfecture le 15/01/2026',
  'Reçu en préfecture le 15/01/2026',
  'ID : 035-213502388-20260115-X-DE',
];

async function refusal(bytes: Uint8Array) {
  const error = await stampPdf(bytes, LINES).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('stampPdf', () => {
  it('puts the lines at the top right of the first page only', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([595, 842]);
    doc.addPage([595, 842]);
    const stamped = await stampPdf(await doc.save(), LINES);
    const dir = mkdtempSync(join(tmpdir(), 'hub-stamp-unit-'));
    writeFileSync(join(dir, 's.pdf'), stamped);
    const first = execFileSync('pdftotext', ['-f', '1', '-l', '1', join(dir, 's.pdf'), '-'], { encoding: 'utf8' });
    const second = execFileSync('pdftotext', ['-f', '2', '-l', '2', join(dir, 's.pdf'), '-'], { encoding: 'utf8' });
    for (const line of LINES) expect(first).toContain(line);
    expect(second.trim()).toBe('');
    // Top right: the text box lies in the upper right quarter.
    const bbox = execFileSync('pdftotext', ['-f', '1', '-l', '1', '-bbox', join(dir, 's.pdf'), '-'], {
      encoding: 'utf8',
    });
    const words = [...bbox.matchAll(/xMin="([\d.]+)" yMin="([\d.]+)"/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(words.length).toBeGreaterThan(0);
    for (const [x, y] of words) {
      expect(x).toBeGreaterThan(595 / 2);
      expect(y).toBeLessThan(842 / 4);
    }
  });

  it('refuses bytes that are not a PDF with PDF_UNREADABLE and a French sentence', async () => {
    const error = await refusal(new TextEncoder().encode('%PDF-1.4\ngarbage without objects'));
    expect(['PDF_UNREADABLE']).toContain(error.code);
    expect(error.status).toBe(422);
    expect(error.message).toMatch(/tampon ne peut pas y être apposé|aucune page/);
  });

  it('refuses an encrypted PDF with PDF_ENCRYPTED', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false })).toString('latin1');
    // An /Encrypt entry in the trailer is what marks a PDF encrypted.
    const encrypted = bytes.replace(
      'trailer\n<<',
      'trailer\n<<\n/Encrypt << /Filter /Standard /V 1 /R 2 /O (x) /U (y) /P -4 >>',
    );
    const error = await refusal(Buffer.from(encrypted, 'latin1'));
    expect(error.code).toBe('PDF_ENCRYPTED');
    expect(error.message).toContain('chiffré');
  });
});
