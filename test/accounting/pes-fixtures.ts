// PES Aller specs the accounting tests build files from.
import { gzipSync } from 'node:zlib';
import type { PesAllerSpec } from '../../src/accounting/domain/build-pes.ts';

export const RENNES_SIRET = '21350238800019';
const pdf = gzipSync(Buffer.from('%PDF-1.4 facture de démonstration')).toString('base64');

export function demoSpec(over: Partial<PesAllerSpec> & { nomFic: string }): PesAllerSpec {
  return {
    dteStr: '2026-12-01',
    idPost: '035000',
    idColl: RENNES_SIRET,
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
            obj: 'Fournitures',
            pjRefs: ['PJFOURN1'],
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
      { idUnique: 'PJFOURN1', nomPJ: 'facture.pdf', mimeType: 'application/pdf', description: 'Facture', base64: pdf },
    ],
    ...over,
  };
}
