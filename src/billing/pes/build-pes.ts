// The titles of receipt of a run as one PES Aller (PES V2, domain PES_RecetteAller), one bordereau, one piece per
// contribution with the ASAP fields for a public debtor: the invoice number, the service code and the engagement
// number, so that Hélios forwards the title to Chorus Pro (research note acts-and-helios B.1, B.2, B.4, B.13).
// Leaves carry their value in attribute V; children are unqualified; the file is ISO-8859-1 (encode-pes.ts).
import Decimal from 'decimal.js';
import { required, serialize, type XNode } from '../../../formats/index.ts';

export const PES_ALLER_NAMESPACE = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/aller';

/** Where the titles are taken in charge: the syndicat's poste comptable and budget in Hélios. */
export interface PesCollectivity {
  /** SIRET of the budget collectivity (IdColl, 14 digits). */
  siret: string;
  /** Codique of the poste comptable (IdPost, 6 or 7 characters). */
  idPost: string;
  /** CodCol (3 characters) and CodBud (2 characters) of the budget. */
  codCol: string;
  codBud: string;
  /** LibelleColBud, at most 38 characters. */
  label: string;
}

export interface PesTitle {
  /** IdPce: the title number in the bordereau (> 0). */
  pieceNumber: number;
  invoiceNumber: string;
  object: string;
  /** Product code (CodProdLoc) and budget account (Nature). */
  productCode: string;
  account: string;
  amount: string;
  vatAmount: string;
  serviceCode: string | null;
  engagementNumber: string | null;
  debtor: { siret: string; name: string };
}

export interface PesBordereau {
  nomFic: string;
  year: number;
  /** IdBord: at most 7 digits, unique per year and type. */
  bordereau: number;
  /** DteStr and DteBordEm. */
  date: string;
  object: string;
  titles: readonly PesTitle[];
}

const v = (name: string, value: string | number | null | undefined): XNode | undefined =>
  value === null || value === undefined || String(value).trim() === ''
    ? undefined
    : required(name, [], [['V', String(value)]]);

/** The PES Aller as text (declared ISO-8859-1; encodePes writes the bytes). */
export function buildPesRecette(collectivity: PesCollectivity, bordereau: PesBordereau): string {
  if (bordereau.titles.length === 0) throw new RangeError('a bordereau holds at least one title');
  const totalHt = bordereau.titles.reduce((sum, t) => sum.plus(t.amount), new Decimal(0));
  const totalVat = bordereau.titles.reduce((sum, t) => sum.plus(t.vatAmount), new Decimal(0));
  const bordId = `BORD${bordereau.year}${String(bordereau.bordereau).padStart(7, '0')}`;
  const root = required(
    'n:PES_Aller',
    [
      required('Enveloppe', [
        required('Parametres', [v('Version', '1'), v('TypFic', 'PESALR2'), v('NomFic', bordereau.nomFic)]),
        required('Emetteur', [v('Sigle', 'HUB'), v('Adresse', 'Hub regional')]),
        required('Recepteur', [v('Sigle', 'HELIOS')]),
      ]),
      required('EnTetePES', [
        v('DteStr', bordereau.date),
        v('IdPost', collectivity.idPost),
        v('IdColl', collectivity.siret),
        v('CodCol', collectivity.codCol),
        v('CodBud', collectivity.codBud),
        v('LibelleColBud', collectivity.label.slice(0, 38)),
      ]),
      required('PES_RecetteAller', [
        // Not signed: InfoDematerialisee 0 forbids a signature, 1 requires one (B.8).
        required('EnTeteRecette', [v('IdVer', '2'), v('InfoDematerialisee', '0')]),
        required(
          'Bordereau',
          [
            required('BlocBordereau', [
              v('Exer', bordereau.year),
              v('IdBord', bordereau.bordereau),
              v('DteBordEm', bordereau.date),
              v('TypBord', '01'),
              v('NbrPce', bordereau.titles.length),
              v('MtBordHt', totalHt.toFixed(2)),
              v('MtBordTVA', totalVat.toFixed(2)),
              v('Objet', bordereau.object.slice(0, 160)),
            ]),
            ...bordereau.titles.map(piece),
          ],
          [['Id', bordId]],
        ),
      ]),
    ],
    [['xmlns:n', PES_ALLER_NAMESPACE]],
  );
  return serialize(root).replace(
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<?xml version="1.0" encoding="ISO-8859-1"?>',
  );
}

function piece(title: PesTitle): XNode {
  return required('Piece', [
    required('BlocPiece', [
      required('InfoPce', [
        v('IdPce', title.pieceNumber),
        v('TypPce', '01'),
        v('NatPce', '01'),
        // 02: ASAP CPP, the title goes to the public debtor through Chorus Pro.
        v('Edition', '02'),
        v('ObjPce', title.object.slice(0, 160)),
        v('NumeroFacture', title.invoiceNumber),
        v('NumeroEngagement', title.engagementNumber),
        v('CodeService', title.serviceCode),
      ]),
    ]),
    required('LigneDePiece', [
      required('BlocLignePiece', [
        required('InfoLignePiece', [
          v('IdLigne', 1),
          v('CodProdLoc', title.productCode),
          v('Nature', title.account),
          v('Majo', '0'),
          v('TvaIntraCom', '0'),
          v('MtHT', title.amount),
          v('MtTVA', title.vatAmount),
        ]),
      ]),
      required('Tiers', [
        required('InfoTiers', [
          v('IdTiers', title.debtor.siret),
          v('NatIdTiers', '01'),
          // Public debtor: the category and legal nature of a collectivity as seen in real files (B.3).
          v('CatTiers', '22'),
          v('NatJur', '09'),
          v('Nom', title.debtor.name.slice(0, 38)),
        ]),
      ]),
    ]),
  ]);
}
