// The demo PES Aller of Rennes: one mandate bordereau whose single mandate pays one invoice of the hub, its line
// carrying the invoice number (`Facture`) and the supplier's SIRET (`Tiers`) so that the hub links it and embeds
// the invoice's original as a PJ. Pure: the caller gives the invoice, the day and the file's name.
import Decimal from 'decimal.js';
import type { PesAllerSpec } from './build-pes.ts';

export interface DemoPesInvoice {
  number: string;
  /** The supplier as the invoice names it (BT-29/BT-30): a SIRET (NatIdTiers 01) or a SIREN (NatIdTiers 02). */
  supplierIdentifier: string;
  supplierName: string;
  /** Exact decimal text (BT-109, BT-110). */
  totalWithoutVat: string;
  totalVat: string;
}

export interface DemoPesOptions {
  invoice: DemoPesInvoice;
  /** IdColl: a SIRET of the commune in the directory. */
  buyerSiret: string;
  /** Paris day of the file, YYYY-MM-DD. */
  today: string;
  nomFic: string;
  /** Codique of the poste comptable (IdPost). */
  idPost?: string;
  /** The supplier's IBAN (ModRegl 03, virement). */
  iban?: string;
}

/** PES text fields are upper-case ASCII in practice; Nom is at most 38 characters (Tiers/InfoTiers). */
const pesName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9 '&.-]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase()
    .slice(0, 38);

export function demoPesAllerSpec(options: DemoPesOptions): PesAllerSpec {
  const { invoice, today } = options;
  const exer = today.slice(0, 4);
  return {
    nomFic: options.nomFic,
    dteStr: today,
    idPost: options.idPost ?? '035000',
    idColl: options.buyerSiret,
    codCol: '123',
    codBud: '01',
    libelleColBud: 'VILLE DE RENNES',
    emetteur: 'HUB',
    dematerialised: false,
    bordereaux: [
      {
        idBord: '1',
        exer,
        dteBordEm: today,
        pieces: [
          {
            idPce: '1',
            obj: pesName(`Facture ${invoice.number}`),
            lines: [
              {
                idLigne: '1',
                nature: '6064',
                facture: invoice.number,
                mtHT: new Decimal(invoice.totalWithoutVat).toFixed(2),
                mtTVA: new Decimal(invoice.totalVat).toFixed(2),
                modRegl: '03',
                iban: options.iban ?? 'FR7630006000011234567890189',
                tiers: {
                  idTiers: invoice.supplierIdentifier,
                  natIdTiers: invoice.supplierIdentifier.length === 14 ? '01' : '02',
                  nom: pesName(invoice.supplierName),
                },
              },
            ],
          },
        ],
      },
    ],
  };
}
