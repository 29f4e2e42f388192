// Writes a PES Aller of mandates (PES_DepenseAller and PES_PJ) from plain data: the demo file, the fake treasury's
// tests and the benchmark. The output is text meant to be encoded in ISO-8859-1 (Buffer.from(text, 'latin1')).
import Decimal from 'decimal.js';
import { PES_ALLER_NS } from './codes.ts';
import { leafV, xmlAttr } from './xml-text.ts';

export interface PesLineSpec {
  idLigne: string;
  nature: string;
  mtHT: string;
  mtTVA?: string;
  facture?: string;
  modRegl?: string;
  tiers?: { idTiers: string; natIdTiers: '01' | '02'; nom: string; catTiers?: string; natJur?: string };
  /** The supplier's bank details, needed by ModRegl 03 and 05. */
  iban?: string;
  pjRefs?: string[];
}

export interface PesPieceSpec {
  idPce: string;
  typPce?: string;
  natPce?: string;
  obj?: string;
  pjRefs?: string[];
  lines: PesLineSpec[];
}

export interface PesBordereauSpec {
  idBord: string;
  exer: string;
  dteBordEm: string;
  typBord?: string;
  /** Defaults to the sum of the lines (tests set it wrong on purpose). */
  mtBordHT?: string;
  nbrPce?: number;
  mtCumulAnnuel?: string;
  pieces: PesPieceSpec[];
}

export interface PesPjSpec {
  idUnique: string;
  nomPJ: string;
  mimeType: string;
  description: string;
  /** base64 of the gzip-compressed file. */
  base64: string;
}

export interface PesAllerSpec {
  nomFic: string;
  dteStr: string;
  idPost: string;
  idColl: string;
  codCol: string;
  codBud: string;
  libelleColBud?: string;
  emetteur?: string;
  dematerialised: boolean;
  bordereaux: PesBordereauSpec[];
  pjs?: PesPjSpec[];
}

export const bordereauXmlId = (b: Pick<PesBordereauSpec, 'exer' | 'idBord'>): string =>
  `BORD${b.exer}${b.idBord.padStart(7, '0')}`;

/** The file's text, in chunks (a large benchmark file is never one string). */
export function* pesAllerChunks(spec: PesAllerSpec): Generator<string> {
  yield '<?xml version="1.0" encoding="ISO-8859-1"?>\n';
  yield `<n:PES_Aller xmlns:n="${PES_ALLER_NS}" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" xmlns:xad="http://uri.etsi.org/01903/v1.1.1#">`;
  yield `<Enveloppe><Parametres>${leafV('Version', '1')}${leafV('TypFic', 'PESALR2')}${leafV('NomFic', spec.nomFic)}</Parametres>`;
  yield `<Emetteur>${leafV('Sigle', spec.emetteur ?? 'HUB')}</Emetteur><Recepteur>${leafV('Sigle', 'HELIOS')}</Recepteur></Enveloppe>`;
  yield `<EnTetePES>${leafV('DteStr', spec.dteStr)}${leafV('IdPost', spec.idPost)}${leafV('IdColl', spec.idColl)}${leafV('CodCol', spec.codCol)}${leafV('CodBud', spec.codBud)}${spec.libelleColBud ? leafV('LibelleColBud', spec.libelleColBud) : ''}</EnTetePES>`;
  yield `<PES_DepenseAller><EnTeteDepense>${leafV('IdVer', '2')}${leafV('InfoDematerialisee', spec.dematerialised ? '1' : '0')}</EnTeteDepense>`;
  for (const b of spec.bordereaux) {
    const sum = b.pieces.flatMap((p) => p.lines).reduce((acc, l) => acc.plus(l.mtHT), new Decimal(0));
    yield `<Bordereau Id="${bordereauXmlId(b)}"><BlocBordereau>${leafV('Exer', b.exer)}${leafV('IdBord', b.idBord)}${leafV('DteBordEm', b.dteBordEm)}${leafV('TypBord', b.typBord ?? '01')}${leafV('NbrPce', String(b.nbrPce ?? b.pieces.length))}`;
    yield `${spec.dematerialised || b.mtCumulAnnuel ? leafV('MtCumulAnnuel', b.mtCumulAnnuel ?? sum.toFixed(2)) : ''}${leafV('MtBordHT', b.mtBordHT ?? sum.toFixed(2))}</BlocBordereau>`;
    for (const p of b.pieces) yield pieceXml(p);
    yield '</Bordereau>';
  }
  yield '</PES_DepenseAller>';
  if (spec.pjs && spec.pjs.length > 0) {
    yield `<PES_PJ><EnTetePES_PJ>${leafV('IdVer', '1')}</EnTetePES_PJ>`;
    for (const pj of spec.pjs) yield pjXml(pj);
    yield '</PES_PJ>';
  }
  yield '</n:PES_Aller>\n';
}

export const pesAllerText = (spec: PesAllerSpec): string => [...pesAllerChunks(spec)].join('');

export function pjXml(pj: PesPjSpec): string {
  return `<PJ><Contenu><Fichier MIMEType="${xmlAttr(pj.mimeType)}">${pj.base64}</Fichier></Contenu>${leafV('IdUnique', pj.idUnique)}${leafV('NomPJ', pj.nomPJ)}${leafV('Description', pj.description)}</PJ>`;
}

const pjRefXml = (id: string): string => `<PJRef>${leafV('Support', '01')}${leafV('IdUnique', id)}</PJRef>`;

function pieceXml(p: PesPieceSpec): string {
  let out = `<Piece><BlocPiece><InfoPce>${leafV('IdPce', p.idPce)}${leafV('TypPce', p.typPce ?? '01')}${leafV('NatPce', p.natPce ?? '01')}${p.obj ? leafV('Obj', p.obj) : ''}`;
  for (const ref of p.pjRefs ?? []) out += pjRefXml(ref);
  out += '</InfoPce></BlocPiece>';
  for (const l of p.lines) {
    out += `<LigneDePiece><BlocLignePiece><InfoLignePce>${leafV('IdLigne', l.idLigne)}${leafV('Nature', l.nature)}`;
    if (l.facture) out += leafV('Facture', l.facture);
    out += leafV('ModRegl', l.modRegl ?? '03') + leafV('TVAIntraCom', '0') + leafV('MtHT', l.mtHT);
    if (l.mtTVA) out += leafV('MtTVA', l.mtTVA);
    for (const ref of l.pjRefs ?? []) out += pjRefXml(ref);
    out += '</InfoLignePce></BlocLignePiece>';
    if (l.tiers) {
      const t = l.tiers;
      out += `<Tiers><InfoTiers>${leafV('IdTiers', t.idTiers)}${leafV('NatIdTiers', t.natIdTiers)}${leafV('CatTiers', t.catTiers ?? '50')}${leafV('NatJur', t.natJur ?? '03')}${leafV('Nom', t.nom)}</InfoTiers>`;
      if (l.iban) out += `<CpteBancaire>${leafV('IBAN', l.iban)}</CpteBancaire>`;
      out += '</Tiers>';
    }
    out += '</LigneDePiece>';
  }
  return `${out}</Piece>`;
}
