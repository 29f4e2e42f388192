// The messages the collectivity sends (1-1 Acte, its envelope, the replies 2-2, 3-3, 3-4, 4-3, 4-4, the
// cancellation 6-1, the classification request 7-1), built as the XSD actesv1_1 describes them.
import { ACTES_NS, INSEE_NS, a, xmlDocument, type XmlElement } from './xml-text.ts';
import type { ActNature } from './natures.ts';

export interface SenderIdentity {
  siren: string;
  departement: string;
  arrondissement: string;
  /** IDCL/@Nature, two digits. */
  collectivityNature: string;
  referent?: { name?: string; phone?: string; email?: string };
}

export interface EnvelopeInput {
  sender: SenderIdentity;
  returnAddresses: string[];
  /** The message XML files of the archive. */
  forms: string[];
}

const idcl = (s: SenderIdentity): XmlElement => ({
  name: a('IDCL'),
  attrs: {
    'insee:SIREN': s.siren,
    [a('Departement')]: s.departement,
    [a('Arrondissement')]: s.arrondissement,
    [a('Nature')]: s.collectivityNature,
  },
});

const fileName = (tag: string, name: string): XmlElement => ({
  name: a(tag),
  children: [{ name: a('NomFichier'), children: [name] }],
});

export function envelopeXml(input: EnvelopeInput): Uint8Array {
  const ref = input.sender.referent;
  const referent: XmlElement[] = ref
    ? [
        {
          name: a('Referent'),
          children: [
            ...(ref.name ? [{ name: a('Nom'), children: [ref.name] }] : []),
            ...(ref.phone ? [{ name: a('Telephone'), children: [ref.phone] }] : []),
            ...(ref.email ? [{ name: a('Email'), children: [ref.email] }] : []),
          ],
        },
      ]
    : [];
  return xmlDocument({
    name: a('EnveloppeCLMISILL'),
    attrs: { 'xmlns:actes': ACTES_NS, 'xmlns:insee': INSEE_NS },
    children: [
      { name: a('Emetteur'), children: [idcl(input.sender), ...referent] },
      { name: a('AdressesRetour'), children: input.returnAddresses.map((m) => ({ name: a('Email'), children: [m] })) },
      { name: a('FormulairesEnvoyes'), children: input.forms.map((f) => fileName('Formulaire', f)) },
    ],
  });
}

export interface ActeMessageInput {
  decisionDate: string;
  number: string;
  nature: ActNature;
  /** Levels of the classification, 1 to 5 (`7.1` → [7, 1]). */
  matieres: number[];
  object: string;
  classificationDate: string;
  documentFile: string;
  annexFiles: string[];
  paperDocument?: boolean;
}

/** 1-1 `Acte`: CodeMatiere1 and CodeMatiere2 are required by the XSD, so a one-level classification repeats 0. */
export function acteXml(input: ActeMessageInput): Uint8Array {
  const levels = input.matieres.length >= 2 ? input.matieres : [...input.matieres, 0];
  return xmlDocument({
    name: a('Acte'),
    attrs: {
      'xmlns:actes': ACTES_NS,
      [a('Date')]: input.decisionDate,
      [a('NumeroInterne')]: input.number,
      [a('CodeNatureActe')]: input.nature,
    },
    children: [
      ...levels.map((code, i) => ({ name: a(`CodeMatiere${i + 1}`), attrs: { [a('CodeMatiere')]: code } })),
      { name: a('Objet'), children: [input.object] },
      { name: a('ClassificationDateVersion'), children: [input.classificationDate] },
      fileName('Document', input.documentFile),
      {
        name: a('Annexes'),
        attrs: { [a('Nombre')]: input.annexFiles.length },
        children: input.annexFiles.map((f) => fileName('Annexe', f)),
      },
      { name: a('DocumentPapier'), children: [input.paperDocument ? 'O' : 'N'] },
    ],
  });
}

/** The replies the collectivity sends to a prefecture letter, by message code. */
export const REPLY_ROOTS = {
  '2-2': 'ReponseCourrierSimple',
  '3-2': 'ARDemandePieceComplementaire',
  '3-3': 'RefusPieceComplementaire',
  '3-4': 'PieceComplementaire',
  '4-2': 'ARLettreObservations',
  '4-3': 'RejetLettreObservations',
  '4-4': 'ReponseLettreObservations',
} as const;

export type ReplyCode = keyof typeof REPLY_ROOTS;

/** A reply: IDActe of the act and DateCourrierPref = the date of the letter it answers (as S²LOW writes it). */
export function replyXml(code: ReplyCode, idActe: string, letterDate: string, files: string[]): Uint8Array {
  const attrs = { 'xmlns:actes': ACTES_NS, [a('IDActe')]: idActe, [a('DateCourrierPref')]: letterDate };
  const children: XmlElement[] =
    code === '3-2' || code === '4-2'
      ? []
      : code === '3-4'
        ? [{ name: a('Documents'), children: files.map((f) => fileName('Document', f)) }]
        : files.slice(0, 1).map((f) => fileName('Document', f));
  return xmlDocument({ name: a(REPLY_ROOTS[code]), attrs, children });
}

/** 6-1 `Annulation`. */
export const cancellationXml = (idActe: string): Uint8Array =>
  xmlDocument({ name: a('Annulation'), attrs: { 'xmlns:actes': ACTES_NS, [a('IDActe')]: idActe } });

/** 7-1 `DemandeClassification`, with the date of the classification in use (none: a forced request). */
export const classificationRequestXml = (currentDate: string | undefined): Uint8Array =>
  xmlDocument({
    name: a('DemandeClassification'),
    attrs: { 'xmlns:actes': ACTES_NS },
    children: currentDate ? [{ name: a('DateClassification'), children: [currentDate] }] : [],
  });
