// The messages the ministry writes (the state side of the protocol), for the demo ministry and the tests:
// EnveloppeMISILLCL, 1-2 ARActe, 1-3 AnomalieActe, AnomalieEnveloppe, 2-1, 3-1, 4-1, 5-1, 6-2, 3-5, 7-2.
import { ACTES_NS, INSEE_NS, a, xmlDocument, type XmlElement } from './xml-text.ts';

export interface ActEcho {
  decisionDate: string;
  number: string;
  nature: number;
  matieres: number[];
  object: string;
}

const ns = { 'xmlns:actes': ACTES_NS };
const named = (tag: string, file: string): XmlElement => ({
  name: a(tag),
  children: [{ name: a('NomFichier'), children: [file] }],
});

const echo = (act: ActEcho, classificationDate: string): XmlElement => ({
  name: a('ActeRecu'),
  attrs: { [a('Date')]: act.decisionDate, [a('NumeroInterne')]: act.number, [a('CodeNatureActe')]: act.nature },
  children: [
    ...(act.matieres.length >= 2 ? act.matieres : [...act.matieres, 0]).map((code, i) => ({
      name: a(`CodeMatiere${i + 1}`),
      attrs: { [a('CodeMatiere')]: code },
    })),
    { name: a('Objet'), children: [act.object] },
    { name: a('ClassificationDateVersion'), children: [classificationDate] },
  ],
});

export function returnEnvelopeXml(departement: string, siren: string, forms: string[]): Uint8Array {
  return xmlDocument({
    name: a('EnveloppeMISILLCL'),
    attrs: { ...ns, 'xmlns:insee': INSEE_NS },
    children: [
      { name: a('Emetteur'), children: [{ name: a('IDPref'), attrs: { [a('Departement')]: departement } }] },
      { name: a('FormulairesEnvoyes'), children: forms.map((f) => named('Formulaire', f)) },
      { name: a('Destinataire'), attrs: { 'insee:SIREN': siren } },
    ],
  });
}

export const arActeXml = (idActe: string, receivedOn: string, act: ActEcho, classificationDate: string) =>
  xmlDocument({
    name: a('ARActe'),
    attrs: { ...ns, [a('IDActe')]: idActe, [a('DateReception')]: receivedOn },
    children: [
      echo(act, classificationDate),
      { name: a('ClassificationDateVersionEnCours'), children: [classificationDate] },
    ],
  });

export const anomalieActeXml = (
  date: string,
  nature: string,
  detail: string,
  act: ActEcho,
  classificationDate: string,
) =>
  xmlDocument({
    name: a('AnomalieActe'),
    attrs: ns,
    children: [
      { name: a('Date'), children: [date] },
      { name: a('Nature'), children: [nature] },
      { name: a('Detail'), children: [detail] },
      echo(act, classificationDate),
      { name: a('ClassificationDateVersionEnCours'), children: [classificationDate] },
    ],
  });

/** The received envelope is echoed (EnveloppeRecue) by the caller as raw children; here its name is in the detail. */
export const anomalieEnveloppeXml = (date: string, nature: string, detail: string) =>
  xmlDocument({
    name: a('AnomalieEnveloppe'),
    attrs: ns,
    children: [
      { name: a('Date'), children: [date] },
      { name: a('Nature'), children: [nature] },
      { name: a('Detail'), children: [detail] },
    ],
  });

const LETTER_ROOT = { '2-1': 'CourrierSimple', '3-1': 'DemandePieceComplementaire', '4-1': 'LettreObservations' };

export function letterXml(code: '2-1' | '3-1' | '4-1', idActe: string, date: string, text: string, pdf: string) {
  const body: XmlElement[] =
    code === '3-1'
      ? [{ name: a('DescriptionPieces'), children: [text] }]
      : code === '4-1'
        ? [{ name: a('Motif'), children: [text] }]
        : [];
  return xmlDocument({
    name: a(LETTER_ROOT[code]),
    attrs: { ...ns, [a('IDActe')]: idActe, [a('DateCourrierPref')]: date },
    children: [...body, named('Document', pdf)],
  });
}

export const defereXml = (idActe: string, filedOn: string, illegality: string, pdf: string) =>
  xmlDocument({
    name: a('DefereTA'),
    attrs: { ...ns, [a('IDActe')]: idActe },
    children: [
      { name: a('DateDepot'), children: [filedOn] },
      { name: a('NatureIllegalite'), children: [illegality] },
      { name: a('PiecesJointes'), children: [named('PieceJointe', pdf)] },
    ],
  });

export const arAnnulationXml = (idActe: string, receivedOn: string) =>
  xmlDocument({ name: a('ARAnnulation'), attrs: { ...ns, [a('IDActe')]: idActe, [a('DateReception')]: receivedOn } });

export const arReplyXml = (code: '3-5' | '4-5', idActe: string, letterDate: string, receivedOn: string) =>
  xmlDocument({
    name: a(code === '3-5' ? 'ARPieceComplementaire' : 'ARReponseRejetLettreObservations'),
    attrs: { ...ns, [a('DateReception')]: receivedOn },
    children: [{ name: a('InfoCourrierPref'), attrs: { [a('IDActe')]: idActe, [a('DateCourrierPref')]: letterDate } }],
  });

export interface ClassificationTree {
  date: string;
  natures: { code: number; label: string; abbreviation: string; typologies: { code: string; label: string }[] }[];
  matieres: { code: string; label: string; children: ClassificationTree['matieres'] }[];
}

function matiereXml(m: ClassificationTree['matieres'][number], level: number): XmlElement {
  return {
    name: a(`Matiere${level}`),
    attrs: { [a('CodeMatiere')]: m.code.split('.').at(-1), [a('Libelle')]: m.label },
    children: m.children.map((c) => matiereXml(c, level + 1)),
  };
}

export const retourClassificationXml = (tree: ClassificationTree) =>
  xmlDocument({
    name: a('RetourClassification'),
    attrs: ns,
    children: [
      { name: a('DateClassification'), children: [tree.date] },
      {
        name: a('NaturesActes'),
        children: tree.natures.map((n) => ({
          name: a('NatureActe'),
          attrs: { [a('CodeNatureActe')]: n.code, [a('Libelle')]: n.label, [a('TypeAbrege')]: n.abbreviation },
          children: n.typologies.map((t) => ({
            name: a('TypePJNatureActe'),
            attrs: { [a('CodeTypePJ')]: t.code, [a('Libelle')]: t.label },
          })),
        })),
      },
      { name: a('Matieres'), children: tree.matieres.map((m) => matiereXml(m, 1)) },
    ],
  });

/** 7-3 `ReponseClassificationSansChangement`: the file the collectivity uses is the current one. */
export const unchangedClassificationXml = (date: string) =>
  xmlDocument({
    name: a('ReponseClassificationSansChangement'),
    attrs: ns,
    children: [{ name: a('DateClassification'), children: [date] }],
  });
