// Reads one page of a stored PES Aller's lines for its view, as a stream (saxes): only the lines of the page are
// kept, with their bordereau, piece and tiers, so a 128 MiB file is read in bounded memory. PJ contents are
// skipped as they pass (their text is never gathered).
import type { Readable } from 'node:stream';
import { SaxesParser } from 'saxes';

export interface ViewLine {
  domain: 'depense' | 'recette';
  exer: string;
  idBord: string;
  idPce: string;
  obj: string;
  idLigne: string;
  nature: string;
  facture: string;
  mtHT: string;
  mtTVA: string;
  tiersId: string;
  tiersName: string;
}

export interface LinesPage {
  lines: ViewLine[];
  /** Every line of the file, counted as it streams. */
  total: number;
}

const LINE_FIELDS: Record<string, keyof ViewLine> = {
  IdLigne: 'idLigne',
  Nature: 'nature',
  Facture: 'facture',
  MtHT: 'mtHT',
  MtTVA: 'mtTVA',
};

export async function readPesLines(source: Readable, page: { offset: number; limit: number }): Promise<LinesPage> {
  const parser = new SaxesParser({ xmlns: true });
  const stack: string[] = [];
  const lines: ViewLine[] = [];
  let total = 0;
  let domain: 'depense' | 'recette' = 'depense';
  const context = { exer: '', idBord: '', idPce: '', obj: '' };
  let line: ViewLine | undefined;
  let failure: Error | undefined;
  parser.on('error', (error) => {
    failure ??= error;
  });
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    stack.push(tag.local);
    if (tag.local === 'PES_DepenseAller') domain = 'depense';
    if (tag.local === 'PES_RecetteAller') domain = 'recette';
    if (tag.local === 'Piece') Object.assign(context, { idPce: '', obj: '' });
    if (tag.local === 'LigneDePiece') {
      const kept = total >= page.offset && total < page.offset + page.limit;
      total += 1;
      line = kept
        ? { domain, ...context, idLigne: '', nature: '', facture: '', mtHT: '', mtTVA: '', tiersId: '', tiersName: '' }
        : undefined;
    }
    const value = tag.attributes['V'];
    const v = typeof value === 'string' ? value : (value?.value ?? undefined);
    if (v === undefined) return;
    if (parent === 'BlocBordereau' && (tag.local === 'Exer' || tag.local === 'IdBord'))
      context[tag.local === 'Exer' ? 'exer' : 'idBord'] = v;
    else if (parent === 'InfoPce' && tag.local === 'IdPce') context.idPce = v;
    else if (parent === 'InfoPce' && tag.local === 'Obj') context.obj = v;
    else if (line && parent === 'InfoLignePce' && LINE_FIELDS[tag.local]) line[LINE_FIELDS[tag.local]!] = v as never;
    else if (line && parent === 'InfoTiers' && tag.local === 'IdTiers') line.tiersId = v;
    else if (line && parent === 'InfoTiers' && tag.local === 'Nom') line.tiersName = v;
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (tag.local === 'LigneDePiece' && line) {
      lines.push(line);
      line = undefined;
    }
  });
  for await (const chunk of source as AsyncIterable<Buffer>) {
    parser.write(chunk.toString('latin1'));
    if (failure) break;
  }
  if (!failure) parser.close();
  if (failure) source.destroy();
  return { lines, total };
}
