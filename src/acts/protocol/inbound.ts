// The messages the ministry sends back, read from their XML (the root element names the message, as S²LOW and
// Stela identify them): 1-2, 1-3, AnomalieEnveloppe, 2-1, 3-1, 4-1, 5-1, 6-2, 3-5/4-5, 7-2, 7-3.
import { actesAttr, child, childrenNamed, readXml, type XmlNode } from './xml-read.ts';

export interface ActReference {
  /** The act as the ministry echoes it (ActeRecu), for 1-2 and 1-3. */
  number: string;
  decisionDate: string;
  nature: number;
}

export interface ClassificationNature {
  code: number;
  label: string;
  abbreviation: string;
  typologies: { code: string; label: string }[];
}

export interface ClassificationMatiere {
  code: string;
  label: string;
  children: ClassificationMatiere[];
}

export type MinistryMessage =
  | { code: '1-2'; idActe: string; receivedOn: string; act: ActReference; classificationDate: string | undefined }
  | { code: '1-3'; date: string; nature: string; detail: string; act: ActReference }
  | { code: 'ANO'; date: string; nature: string; detail: string; envelopeName: string | undefined }
  | { code: '2-1' | '3-1' | '4-1'; idActe: string; letterDate: string; text: string; files: string[] }
  | { code: '5-1'; idActe: string; filedOn: string; text: string; files: string[] }
  | { code: '6-2'; idActe: string; receivedOn: string }
  | { code: '3-5' | '4-5'; idActe: string; receivedOn: string; letterDate: string }
  | {
      code: '7-2';
      classificationDate: string;
      natures: ClassificationNature[];
      matieres: ClassificationMatiere[];
    }
  | { code: '7-3'; classificationDate: string }
  | { code: 'ENVELOPPE'; siren: string | undefined };

export class MessageError extends Error {}

const need = (value: string | undefined, what: string): string => {
  if (value === undefined || value.trim() === '') throw new MessageError(`${what} manquant`);
  return value.trim();
};

function actReceived(node: XmlNode): ActReference {
  const acte = child(node, 'ActeRecu');
  if (!acte) throw new MessageError('ActeRecu manquant');
  return {
    number: need(actesAttr(acte, 'NumeroInterne'), 'ActeRecu/@NumeroInterne'),
    decisionDate: need(actesAttr(acte, 'Date'), 'ActeRecu/@Date'),
    nature: Number(need(actesAttr(acte, 'CodeNatureActe'), 'ActeRecu/@CodeNatureActe')),
  };
}

const textOf = (node: XmlNode, name: string) => child(node, name)?.text.trim() ?? '';
const fileNames = (node: XmlNode): string[] => {
  const names: string[] = [];
  const visit = (n: XmlNode) => {
    if (n.name === 'NomFichier') names.push(n.text.trim());
    n.children.forEach(visit);
  };
  visit(node);
  return names;
};

function matiere(node: XmlNode, level: number, parent: string): ClassificationMatiere {
  const code = `${parent}${parent ? '.' : ''}${need(actesAttr(node, 'CodeMatiere'), `Matiere${level}/@CodeMatiere`)}`;
  return {
    code,
    label: actesAttr(node, 'Libelle') ?? '',
    children: level < 5 ? childrenNamed(node, `Matiere${level + 1}`).map((m) => matiere(m, level + 1, code)) : [],
  };
}

export function parseMinistryMessage(bytes: Uint8Array): MinistryMessage {
  const node = readXml(bytes);
  const id = () => need(actesAttr(node, 'IDActe'), '@IDActe');
  switch (node.name) {
    case 'ARActe':
      return {
        code: '1-2',
        idActe: id(),
        receivedOn: need(actesAttr(node, 'DateReception'), '@DateReception'),
        act: actReceived(node),
        classificationDate: textOf(node, 'ClassificationDateVersionEnCours') || undefined,
      };
    case 'AnomalieActe':
      return {
        code: '1-3',
        date: textOf(node, 'Date'),
        nature: textOf(node, 'Nature'),
        detail: textOf(node, 'Detail'),
        act: actReceived(node),
      };
    case 'AnomalieEnveloppe':
      return {
        code: 'ANO',
        date: textOf(node, 'Date'),
        nature: textOf(node, 'Nature'),
        detail: textOf(node, 'Detail'),
        envelopeName: undefined,
      };
    case 'CourrierSimple':
    case 'DemandePieceComplementaire':
    case 'LettreObservations':
      return {
        code: node.name === 'CourrierSimple' ? '2-1' : node.name === 'LettreObservations' ? '4-1' : '3-1',
        idActe: id(),
        letterDate: need(actesAttr(node, 'DateCourrierPref'), '@DateCourrierPref'),
        text: textOf(node, 'DescriptionPieces') || textOf(node, 'Motif'),
        files: fileNames(node),
      };
    case 'DefereTA':
      return {
        code: '5-1',
        idActe: id(),
        filedOn: textOf(node, 'DateDepot'),
        text: textOf(node, 'NatureIllegalite'),
        files: fileNames(node),
      };
    case 'ARAnnulation':
      return { code: '6-2', idActe: id(), receivedOn: need(actesAttr(node, 'DateReception'), '@DateReception') };
    case 'ARPieceComplementaire':
    case 'ARReponseRejetLettreObservations': {
      const info = child(node, 'InfoCourrierPref');
      if (!info) throw new MessageError('InfoCourrierPref manquant');
      return {
        code: node.name === 'ARPieceComplementaire' ? '3-5' : '4-5',
        idActe: need(actesAttr(info, 'IDActe'), 'InfoCourrierPref/@IDActe'),
        letterDate: need(actesAttr(info, 'DateCourrierPref'), 'InfoCourrierPref/@DateCourrierPref'),
        receivedOn: need(actesAttr(node, 'DateReception'), '@DateReception'),
      };
    }
    case 'RetourClassification': {
      const natures = childrenNamed(child(node, 'NaturesActes') ?? node, 'NatureActe').map((n) => ({
        code: Number(need(actesAttr(n, 'CodeNatureActe'), 'NatureActe/@CodeNatureActe')),
        label: actesAttr(n, 'Libelle') ?? '',
        abbreviation: actesAttr(n, 'TypeAbrege') ?? '',
        typologies: childrenNamed(n, 'TypePJNatureActe').map((t) => ({
          code: need(actesAttr(t, 'CodeTypePJ'), 'TypePJNatureActe/@CodeTypePJ'),
          label: actesAttr(t, 'Libelle') ?? '',
        })),
      }));
      const matieres = childrenNamed(child(node, 'Matieres') ?? node, 'Matiere1').map((m) => matiere(m, 1, ''));
      return {
        code: '7-2',
        classificationDate: need(textOf(node, 'DateClassification'), 'DateClassification'),
        natures,
        matieres,
      };
    }
    case 'ReponseClassificationSansChangement':
      return { code: '7-3', classificationDate: textOf(node, 'DateClassification') };
    case 'EnveloppeMISILLCL':
      return {
        code: 'ENVELOPPE',
        siren: Object.entries(child(node, 'Destinataire')?.attrs ?? {}).find(([k]) => k.endsWith('}SIREN'))?.[1],
      };
    default:
      throw new MessageError(`message inconnu : ${node.name}`);
  }
}
