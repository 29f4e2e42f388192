// Structural checks of the messages the collectivity sends, written from the XSD actesv1_1 (types
// DonneesEnveloppeCLMISILL, DonneesActe and DonneesCourrierPref): element order and cardinality, the prefixed attributes and their
// patterns. The hub runs them before sending; the demo ministry runs them on what it receives.
import { ID_ACTE } from '../domain/names.ts';
import { ACTES_NS, INSEE_NS } from '../domain/xml-text.ts';
import { actesAttr, child, childrenNamed, type XmlNode } from './xml-read.ts';

export interface Violation {
  path: string;
  message: string;
}

const DEPARTEMENT = /^[09][0-9][AB0-9]$/;
const ARRONDISSEMENT = /^[0-9]$/;
const SIREN = /^[0-9]{9}$/;
const NATURE_CL = /^[0-9]{2}$/;
const EMAIL = /^[_a-zA-Z0-9-]+(\.[_a-zA-Z0-9-]+)*@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,6}$/;
const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
const INTEGER = /^-?[0-9]+$/;

class Collector {
  readonly list: Violation[] = [];
  add(path: string, message: string) {
    this.list.push({ path, message });
  }
  /** The children of `node`, in order, must be exactly `expected` (name, min, max), nothing else. */
  sequence(node: XmlNode, path: string, expected: [string, number, number][]) {
    let i = 0;
    for (const [name, min, max] of expected) {
      let n = 0;
      while (i < node.children.length && node.children[i]!.name === name && node.children[i]!.ns === ACTES_NS) {
        i++;
        n++;
      }
      if (n < min) this.add(`${path}/${name}`, `l'élément ${name} est obligatoire ici`);
      if (n > max) this.add(`${path}/${name}`, `l'élément ${name} est répété ${n} fois (au plus ${max})`);
    }
    if (i < node.children.length) {
      const extra = node.children[i]!;
      this.add(`${path}/${extra.name}`, `élément ${extra.name} inattendu à cette place`);
    }
  }
  attr(node: XmlNode, path: string, name: string, pattern: RegExp, ns = ACTES_NS) {
    const value = node.attrs[`{${ns}}${name}`];
    if (value === undefined) this.add(`${path}/@${name}`, `l'attribut ${name} (préfixé) est obligatoire`);
    else if (!pattern.test(value)) this.add(`${path}/@${name}`, `valeur « ${value} » invalide pour ${name}`);
  }
}

function root(node: XmlNode, name: string, c: Collector): boolean {
  if (node.ns !== ACTES_NS) c.add(`/${node.name}`, `l'élément racine doit être dans l'espace de noms ${ACTES_NS}`);
  if (node.name !== name) c.add(`/${node.name}`, `l'élément racine doit être ${name}`);
  return c.list.length === 0;
}

function fichierSigne(node: XmlNode, path: string, c: Collector) {
  c.sequence(node, path, [
    ['NomFichier', 1, 1],
    ['Signature', 0, 1],
  ]);
  const name = child(node, 'NomFichier');
  if (name && !name.text.trim()) c.add(`${path}/NomFichier`, 'le nom de fichier est vide');
}

export function checkEnvelope(node: XmlNode): Violation[] {
  const c = new Collector();
  if (!root(node, 'EnveloppeCLMISILL', c)) return c.list;
  const p = '/EnveloppeCLMISILL';
  c.sequence(node, p, [
    ['Emetteur', 1, 1],
    ['AdressesRetour', 1, 1],
    ['FormulairesEnvoyes', 1, 1],
  ]);
  const emetteur = child(node, 'Emetteur');
  if (emetteur) {
    c.sequence(emetteur, `${p}/Emetteur`, [
      ['IDCL', 1, 1],
      ['Referent', 0, 1],
    ]);
    const idcl = child(emetteur, 'IDCL');
    if (idcl) {
      const q = `${p}/Emetteur/IDCL`;
      c.attr(idcl, q, 'SIREN', SIREN, INSEE_NS);
      c.attr(idcl, q, 'Departement', DEPARTEMENT);
      c.attr(idcl, q, 'Arrondissement', ARRONDISSEMENT);
      c.attr(idcl, q, 'Nature', NATURE_CL);
    }
    const referent = child(emetteur, 'Referent');
    if (referent) {
      c.sequence(referent, `${p}/Emetteur/Referent`, [
        ['Nom', 0, 1],
        ['Telephone', 0, 1],
        ['Email', 0, 1],
      ]);
    }
  }
  const addresses = child(node, 'AdressesRetour');
  if (addresses) {
    c.sequence(addresses, `${p}/AdressesRetour`, [['Email', 1, Infinity]]);
    for (const mail of childrenNamed(addresses, 'Email'))
      if (!EMAIL.test(mail.text.trim())) c.add(`${p}/AdressesRetour/Email`, `adresse « ${mail.text} » invalide`);
  }
  const forms = child(node, 'FormulairesEnvoyes');
  if (forms) {
    c.sequence(forms, `${p}/FormulairesEnvoyes`, [['Formulaire', 1, Infinity]]);
    for (const form of childrenNamed(forms, 'Formulaire')) fichierSigne(form, `${p}/FormulairesEnvoyes/Formulaire`, c);
  }
  return c.list;
}

export function checkActe(node: XmlNode): Violation[] {
  const c = new Collector();
  if (!root(node, 'Acte', c)) return c.list;
  const p = '/Acte';
  c.attr(node, p, 'Date', DATE);
  c.attr(node, p, 'NumeroInterne', /^.{1,15}$/);
  c.attr(node, p, 'CodeNatureActe', INTEGER);
  c.sequence(node, p, [
    ['CodeMatiere1', 1, 1],
    ['CodeMatiere2', 1, 1],
    ['CodeMatiere3', 0, 1],
    ['CodeMatiere4', 0, 1],
    ['CodeMatiere5', 0, 1],
    ['Objet', 1, 1],
    ['PrecedentIdentifiantActe', 0, 1],
    ['ClassificationDateVersion', 1, 1],
    ['Document', 1, 1],
    ['Annexes', 1, 1],
    ['DocumentPapier', 0, 1],
  ]);
  for (let level = 1; level <= 5; level++) {
    const m = child(node, `CodeMatiere${level}`);
    if (m) c.attr(m, `${p}/CodeMatiere${level}`, 'CodeMatiere', INTEGER);
  }
  const objet = child(node, 'Objet');
  if (objet && (objet.text.length === 0 || objet.text.length > 500))
    c.add(`${p}/Objet`, "l'objet doit compter de 1 à 500 caractères");
  const version = child(node, 'ClassificationDateVersion');
  if (version && !DATE.test(version.text.trim())) c.add(`${p}/ClassificationDateVersion`, 'date invalide');
  const document = child(node, 'Document');
  if (document) fichierSigne(document, `${p}/Document`, c);
  const annexes = child(node, 'Annexes');
  if (annexes) {
    c.attr(annexes, `${p}/Annexes`, 'Nombre', INTEGER);
    c.sequence(annexes, `${p}/Annexes`, [['Annexe', 0, Infinity]]);
    const list = childrenNamed(annexes, 'Annexe');
    list.forEach((annexe) => fichierSigne(annexe, `${p}/Annexes/Annexe`, c));
    const declared = actesAttr(annexes, 'Nombre');
    if (declared !== undefined && Number(declared) !== list.length)
      c.add(`${p}/Annexes/@Nombre`, `Nombre vaut ${declared} mais ${list.length} annexe(s) sont listées`);
  }
  const paper = child(node, 'DocumentPapier');
  if (paper && !/^[ON]?$/.test(paper.text.trim())) c.add(`${p}/DocumentPapier`, 'valeur attendue : O ou N');
  return c.list;
}

/** The two acknowledgements of a prefecture letter the collectivity sends: 3-2 to a 3-1, 4-2 to a 4-1. */
export const LETTER_ACKNOWLEDGEMENT_ROOTS = {
  '3-2': 'ARDemandePieceComplementaire',
  '4-2': 'ARLettreObservations',
} as const;

const COURRIER_PREF_ATTRIBUTES = new Set([`{${ACTES_NS}}IDActe`, `{${ACTES_NS}}DateCourrierPref`]);

/**
 * A 3-2 ARDemandePieceComplementaire or 4-2 ARLettreObservations: type DonneesCourrierPref, so the two prefixed
 * attributes IDActe and DateCourrierPref (the date of the letter acknowledged) and nothing else, no child.
 */
export function checkLetterAcknowledgement(
  node: XmlNode,
  code: keyof typeof LETTER_ACKNOWLEDGEMENT_ROOTS,
): Violation[] {
  const c = new Collector();
  const name = LETTER_ACKNOWLEDGEMENT_ROOTS[code];
  if (!root(node, name, c)) return c.list;
  const p = `/${name}`;
  c.attr(node, p, 'IDActe', ID_ACTE);
  c.attr(node, p, 'DateCourrierPref', DATE);
  for (const key of Object.keys(node.attrs))
    if (key.startsWith(`{${ACTES_NS}}`) && !COURRIER_PREF_ATTRIBUTES.has(key))
      c.add(`${p}/@${key.slice(ACTES_NS.length + 2)}`, `attribut ${key.slice(ACTES_NS.length + 2)} inattendu`);
  c.sequence(node, p, []);
  if (node.text.trim()) c.add(p, "l'élément ne porte pas de texte (attributs seuls)");
  return c.list;
}

/** The NomFichier values of an Acte (document first, then annexes) or of an envelope's forms. */
export function listedFiles(node: XmlNode): string[] {
  const names = (n: XmlNode | undefined) => (n ? (child(n, 'NomFichier')?.text.trim() ?? '') : '');
  if (node.name === 'EnveloppeCLMISILL')
    return childrenNamed(child(node, 'FormulairesEnvoyes') ?? node, 'Formulaire').map(names);
  const annexes = child(node, 'Annexes');
  return [names(child(node, 'Document')), ...(annexes ? childrenNamed(annexes, 'Annexe').map(names) : [])];
}
