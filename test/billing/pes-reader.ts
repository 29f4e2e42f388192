// Reads a PES Aller of titles back with the hub's XML parser, as the treasury's side would, for the tests.
import { attr, children, descend, parseXml, type XmlElement } from '../../formats/index.ts';

const at = (el: XmlElement | undefined, ...names: string[]): XmlElement | undefined =>
  descend(el, ...names.map((n) => ['', n] as const));
const v = (el: XmlElement | undefined, ...names: string[]): string | undefined => attr(at(el, ...names), 'V');

export interface ReadTitle {
  pieceNumber: string | undefined;
  invoiceNumber: string | undefined;
  serviceCode: string | undefined;
  engagementNumber: string | undefined;
  edition: string | undefined;
  object: string | undefined;
  amount: string | undefined;
  vatAmount: string | undefined;
  debtorSiret: string | undefined;
  debtorName: string | undefined;
}

export function readPes(bytes: Uint8Array) {
  const root = parseXml(bytes);
  const bordereau = at(root, 'PES_RecetteAller', 'Bordereau');
  const titles: ReadTitle[] = children(bordereau, '', 'Piece').map((p) => {
    const info = at(p, 'BlocPiece', 'InfoPce');
    const line = at(p, 'LigneDePiece', 'BlocLignePiece', 'InfoLignePiece');
    const tiers = at(p, 'LigneDePiece', 'Tiers', 'InfoTiers');
    return {
      pieceNumber: v(info, 'IdPce'),
      invoiceNumber: v(info, 'NumeroFacture'),
      serviceCode: v(info, 'CodeService'),
      engagementNumber: v(info, 'NumeroEngagement'),
      edition: v(info, 'Edition'),
      object: v(info, 'ObjPce'),
      amount: v(line, 'MtHT'),
      vatAmount: v(line, 'MtTVA'),
      debtorSiret: v(tiers, 'IdTiers'),
      debtorName: v(tiers, 'Nom'),
    };
  });
  return {
    root: { ns: root.ns, local: root.local },
    declaration: Buffer.from(bytes.subarray(0, 60)).toString('latin1').split('?>')[0] + '?>',
    nomFic: v(root, 'Enveloppe', 'Parametres', 'NomFic'),
    typFic: v(root, 'Enveloppe', 'Parametres', 'TypFic'),
    idColl: v(root, 'EnTetePES', 'IdColl'),
    year: v(bordereau, 'BlocBordereau', 'Exer'),
    bordereau: v(bordereau, 'BlocBordereau', 'IdBord'),
    pieceCount: v(bordereau, 'BlocBordereau', 'NbrPce'),
    totalHt: v(bordereau, 'BlocBordereau', 'MtBordHt'),
    totalVat: v(bordereau, 'BlocBordereau', 'MtBordTVA'),
    titles,
  };
}
