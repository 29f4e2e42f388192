import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { pesAllerText, type PesAllerSpec } from '../domain/build-pes.ts';
import { checkPesStream } from './check-pes-file.ts';

const SIRET = '21350238800019';
const options = { sirets: [SIRET], pjBudgetBytes: 1024 * 1024, totalPjBudgetBytes: 4 * 1024 * 1024 };
const pdf = gzipSync(Buffer.from('%PDF-1.4 facture')).toString('base64');

function spec(over: Partial<PesAllerSpec> = {}): PesAllerSpec {
  return {
    nomFic: 'MANDATS-2026-0001',
    dteStr: '2026-12-01',
    idPost: '035000',
    idColl: SIRET,
    codCol: '123',
    codBud: '01',
    libelleColBud: 'COMMUNE DE RENNES',
    dematerialised: false,
    bordereaux: [
      {
        idBord: '12',
        exer: '2026',
        dteBordEm: '2026-12-01',
        pieces: [
          {
            idPce: '456',
            obj: 'Fournitures de bureau été',
            pjRefs: ['PJ1'],
            lines: [
              {
                idLigne: '1',
                nature: '6064',
                facture: 'F2026-77',
                mtHT: '1000.00',
                mtTVA: '200.00',
                modRegl: '03',
                iban: 'FR7630006000011234567890189',
                tiers: { idTiers: '81234567600014', natIdTiers: '01', nom: 'ARMOR BUREAUTIQUE' },
              },
            ],
          },
        ],
      },
    ],
    pjs: [
      {
        idUnique: 'PJ1',
        nomPJ: 'facture.pdf',
        mimeType: 'application/pdf',
        description: 'Facture F2026-77',
        base64: pdf,
      },
    ],
    ...over,
  };
}

const bytesOf = (text: string) => Buffer.from(text, 'latin1');
const check = (bytes: Buffer, chunk = 64) =>
  checkPesStream(
    Readable.from(
      (function* () {
        for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
      })(),
    ),
    options,
  );

describe('checks of a PES Aller, streamed', () => {
  it('accepts a well-formed mandate file and summarises it, whatever the chunk boundaries', async () => {
    for (const chunk of [7, 64, 100_000]) {
      const result = await check(bytesOf(pesAllerText(spec())), chunk);
      expect(result.issues).toEqual([]);
      expect(result.summary).toMatchObject({
        nomFic: 'MANDATS-2026-0001',
        idColl: SIRET,
        codBud: '01',
        pieceCount: 1,
        lineCount: 1,
        bordereaux: [{ idBord: '12', exer: '2026', nbrPce: 1, mtBordHT: '1000.00', signed: false }],
        pjs: [{ idUnique: 'PJ1', nomPJ: 'facture.pdf' }],
      });
      expect(result.lines).toEqual([
        expect.objectContaining({
          idPce: '456',
          idLigne: '1',
          facture: 'F2026-77',
          tiersId: '81234567600014',
          hasPjRef: true,
        }),
      ]);
    }
  });

  it('refuses a file that is not ISO-8859-1: UTF-8 declaration, UTF-8 bytes, no declaration', async () => {
    const text = pesAllerText(spec());
    const utf8Declared = Buffer.from(text.replace('ISO-8859-1', 'UTF-8'), 'utf8');
    const r1 = await check(utf8Declared);
    expect(r1.fileRefusal).toBe('PES_NOT_ISO_8859_1');
    expect(r1.issues[0]?.message).toContain('UTF-8');
    const utf8Bytes = Buffer.from(text.replace('été', 'été €'), 'utf8');
    const r2 = await check(utf8Bytes);
    expect(r2.fileRefusal).toBe('PES_NOT_ISO_8859_1');
    expect(r2.issues[0]?.code).toBe('ERREUR_ENCODING');
    const r3 = await check(bytesOf(text.replace(' encoding="ISO-8859-1"', '')));
    expect(r3.fileRefusal).toBe('PES_NOT_ISO_8859_1');
  });

  it('refuses a DTD and a file that is not well-formed', async () => {
    const text = pesAllerText(spec());
    const dtd = text.replace('?>\n', '?>\n<!DOCTYPE n:PES_Aller [<!ENTITY x "y">]>\n');
    expect((await check(bytesOf(dtd))).fileRefusal).toBe('PES_DTD_FORBIDDEN');
    const broken = text.replace('</PES_DepenseAller>', '</PES_Depense>');
    const r = await check(bytesOf(broken));
    expect(r.fileRefusal).toBe('PES_NOT_WELL_FORMED');
    expect(r.issues[0]?.message).toMatch(/bien formé/);
  });

  it('names the element and its bordereau, piece and line for totals, counts and code lists', async () => {
    const s = spec();
    const b = s.bordereaux[0]!;
    b.mtBordHT = '999.00';
    b.nbrPce = 2;
    b.pieces[0]!.typPce = '99';
    b.pieces[0]!.lines[0]!.modRegl = '02';
    const result = await check(bytesOf(pesAllerText(s)));
    const messages = result.issues.map((i) => `${i.code} ${i.message}`);
    expect(messages).toContain(
      'ERREUR_CUMUL_MONTANTS Bordereau 12 : « MtBordHT » vaut 999.00, la somme des montants HT des lignes est 1000.00',
    );
    expect(messages).toContain(
      'ERREUR_CUMUL_MONTANTS Bordereau 12 : « NbrPce » annonce 2 pièce(s), le bordereau en contient 1',
    );
    expect(messages.some((m) => m.startsWith('ERREUR_CODIFICATION Bordereau 12, mandat 456 : « TypPce » « 99 »'))).toBe(
      true,
    );
    expect(messages).toContain(
      'ERREUR_CODIFICATION Bordereau 12, mandat 456, ligne 1 : « CpteBancaire » est interdit avec le mode de règlement 02 (Chèque)',
    );
    expect(result.issues.find((i) => i.message.includes('MtBordHT'))?.place).toMatchObject({
      element: 'PES_DepenseAller/Bordereau/BlocBordereau/MtBordHT',
      bordereau: '12',
    });
  });

  it('checks uniqueness, PJ references, IdColl and the signature rule', async () => {
    const s = spec({ idColl: '21350238800027', dematerialised: true });
    s.bordereaux.push({ ...s.bordereaux[0]!, pieces: [{ ...s.bordereaux[0]!.pieces[0]!, pjRefs: ['PJ404'] }] });
    s.pjs!.push({ ...s.pjs![0]! });
    const result = await check(bytesOf(pesAllerText(s)));
    const codes = result.issues.map((i) => i.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'ERREUR_DOUBLON_BORDEREAU',
        'ERREUR_DOUBLON_PIECE',
        'ERREUR_DOUBLON_PJ',
        'ERREUR_PJ',
        'ERREUR_SIRET',
        'ERREUR_PES_SIGNATURE',
      ]),
    );
    expect(result.issues.find((i) => i.code === 'ERREUR_PJ')?.message).toContain('PJ404, absente de PES_PJ');
  });

  it('refuses a gzip bomb in a PJ within the decompression budget', async () => {
    const bomb = gzipSync(Buffer.alloc(50 * 1024 * 1024)).toString('base64');
    expect(bomb.length).toBeLessThan(200_000);
    const s = spec();
    s.pjs![0]!.base64 = bomb;
    const result = await check(bytesOf(pesAllerText(s)), 65536);
    expect(result.issues).toEqual([
      expect.objectContaining({
        code: 'ERREUR_PJ',
        message: expect.stringContaining('PJ PJ1 : « Fichier » dépasse 1 Mio une fois décompressé'),
      }),
    ]);
  });

  it('reports missing, misplaced, qualified and V-less elements', async () => {
    let text = pesAllerText(spec());
    text = text.replace('<IdPost V="035000"/>', '').replace('<Nature V="6064"/>', '<Nature>6064</Nature>');
    text = text.replace('<TypBord V="01"/>', '<n:TypBord V="01"/>');
    const result = await check(bytesOf(text));
    const messages = result.issues.map((i) => i.message);
    expect(messages).toContain('« IdPost » est obligatoire dans « EnTetePES » et absent');
    expect(messages.some((m) => m.includes('« Nature » ne doit pas contenir de texte'))).toBe(true);
    expect(messages.some((m) => m.includes('« TypBord » doit être non qualifié'))).toBe(true);
  });
});
