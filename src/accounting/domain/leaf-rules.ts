// What a leaf's V attribute must look like, by element name. Code lists depend on the domain (mandats or titres).
import {
  MOD_REGL,
  NAT_ID_TIERS_DEPENSE,
  NAT_PCE_DEPENSE,
  PJ_SUPPORT,
  TYP_BORD_DEPENSE,
  TYP_BORD_RECETTE,
  TYP_FIC_ALLER,
  TYP_PCE_DEPENSE,
  TYP_PCE_RECETTE,
} from './codes.ts';
import type { AckErrorCode } from './check-issue.ts';

export interface LeafProblem {
  code: AckErrorCode;
  problem: string;
}

const AMOUNT = /^-?\d{1,15}(\.\d{1,2})?$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const pattern =
  (re: RegExp, expected: string) =>
  (value: string): LeafProblem | undefined =>
    re.test(value)
      ? undefined
      : { code: 'ERREUR_SCHEMA_INCOMPLET', problem: `doit être ${expected} (reçu « ${value} »)` };

const maxLength =
  (max: number, required = true) =>
  (value: string): LeafProblem | undefined => {
    if (required && value.trim() === '') return { code: 'ERREUR_SCHEMA_INCOMPLET', problem: 'est vide' };
    return value.length > max
      ? { code: 'ERREUR_SCHEMA_INCOMPLET', problem: `dépasse ${max} caractères (${value.length})` }
      : undefined;
  };

const codeIn =
  (list: Record<string, string> | ReadonlySet<string>, what: string) =>
  (value: string): LeafProblem | undefined => {
    const known = list instanceof Set ? list.has(value) : Object.hasOwn(list, value);
    if (known) return undefined;
    const codes = list instanceof Set ? [...list] : Object.keys(list);
    return {
      code: 'ERREUR_CODIFICATION',
      problem: `« ${value} » n'est pas ${what} (codes admis : ${codes.join(', ')})`,
    };
  };

const oneOf =
  (values: string[], code: AckErrorCode = 'ERREUR_SCHEMA_INCOMPLET') =>
  (value: string): LeafProblem | undefined =>
    values.includes(value) ? undefined : { code, problem: `doit valoir ${values.join(' ou ')} (reçu « ${value} »)` };

type Rule = (value: string) => LeafProblem | undefined;

const COMMON: Record<string, Rule> = {
  Version: oneOf(['1', '2'], 'ERREUR_VERSION_PES'),
  TypFic: codeIn(TYP_FIC_ALLER, 'un type de fichier PES Aller'),
  NomFic: maxLength(100),
  DteStr: pattern(DATE, 'une date AAAA-MM-JJ'),
  IdPost: pattern(/^[0-9A-Za-z]{6,7}$/, 'le codique du poste comptable (6 ou 7 caractères)'),
  IdColl: pattern(/^\d{14}$/, 'un SIRET de 14 chiffres'),
  CodCol: pattern(/^[0-9A-Za-z]{3}$/, 'un code collectivité de 3 caractères'),
  CodBud: pattern(/^[0-9A-Za-z]{2}$/, 'un code budget de 2 caractères'),
  LibelleColBud: maxLength(38),
  InfoDematerialisee: oneOf(['0', '1']),
  Exer: pattern(/^\d{4}$/, 'une année sur 4 chiffres'),
  IdBord: pattern(/^[1-9]\d{0,6}$/, 'un numéro de bordereau de 1 à 7 chiffres'),
  DteBordEm: pattern(DATE, 'une date AAAA-MM-JJ'),
  NbrPce: pattern(/^[1-9]\d*$/, 'un nombre de pièces au moins égal à 1'),
  MtCumulAnnuel: pattern(AMOUNT, 'un montant (point décimal, 2 décimales au plus)'),
  MtBordHT: pattern(AMOUNT, 'un montant (point décimal, 2 décimales au plus)'),
  MtBordHt: pattern(AMOUNT, 'un montant (point décimal, 2 décimales au plus)'),
  MtBordTVA: pattern(AMOUNT, 'un montant (point décimal, 2 décimales au plus)'),
  IdPce: pattern(/^[1-9]\d{0,12}$/, 'un numéro de pièce strictement positif'),
  DteEch: pattern(DATE, 'une date AAAA-MM-JJ'),
  IdLigne: pattern(/^[1-9]\d{0,5}$/, 'un numéro de ligne strictement positif'),
  Nature: maxLength(10),
  Facture: maxLength(20),
  TVAIntraCom: oneOf(['0', '1']),
  MtHT: pattern(AMOUNT, 'un montant (point décimal, 2 décimales au plus)'),
  MtTVA: pattern(AMOUNT, 'un montant (point décimal, 2 décimales au plus)'),
  MtFactHT: pattern(AMOUNT, 'un montant (point décimal, 2 décimales au plus)'),
  ModRegl: codeIn(MOD_REGL, 'un mode de règlement'),
  CatTiers: pattern(/^\d{2}$/, 'une catégorie de tiers sur 2 chiffres'),
  NatJur: pattern(/^\d{2}$/, 'une nature juridique sur 2 chiffres'),
  Nom: maxLength(38),
  Support: codeIn(PJ_SUPPORT, 'un support de PJ'),
  IdUnique: pattern(/^[0-9A-Za-z]{1,50}$/, 'un identifiant de 1 à 50 lettres ou chiffres'),
  Description: maxLength(250),
  TypePJ: pattern(/^\d{3}$/, 'un type de PJ sur 3 chiffres'),
};

const BY_DOMAIN: Record<'depense' | 'recette', Record<string, Rule>> = {
  depense: {
    TypBord: codeIn(TYP_BORD_DEPENSE, 'un type de bordereau de mandats'),
    TypPce: codeIn(TYP_PCE_DEPENSE, 'un type de mandat'),
    NatPce: codeIn(NAT_PCE_DEPENSE, 'une nature de mandat'),
    NatIdTiers: codeIn(NAT_ID_TIERS_DEPENSE, "une nature d'identifiant de tiers admise en dépense"),
  },
  recette: {
    TypBord: codeIn(TYP_BORD_RECETTE, 'un type de bordereau de titres'),
    TypPce: codeIn(TYP_PCE_RECETTE, 'un type de titre'),
    NatPce: pattern(/^\d{2}$/, 'une nature de titre sur 2 chiffres'),
  },
};

/** The problem with a leaf's value, or undefined. `parent` distinguishes same-named leaves (PJ's NomPJ). */
export function checkLeaf(
  name: string,
  parent: string,
  value: string,
  domain: 'depense' | 'recette' | undefined,
): LeafProblem | undefined {
  if (name === 'NomPJ') {
    if (parent === 'PJRef') return maxLength(100, false)(value);
    const length = maxLength(100)(value);
    if (length) return length;
    return /\.[0-9A-Za-z]{1,4}$/.test(value)
      ? undefined
      : { code: 'ERREUR_PJ', problem: `doit porter une extension de 4 caractères au plus (reçu « ${value} »)` };
  }
  if (name === 'IdVer') {
    const expected = parent === 'EnTetePES_PJ' ? '1' : '2';
    return value === expected
      ? undefined
      : {
          code: parent === 'EnTetePES_PJ' ? 'ERREUR_VERSION_PJ' : 'ERREUR_VERSION_PES',
          problem: `doit valoir ${expected} (reçu « ${value} »)`,
        };
  }
  const rule = (domain ? BY_DOMAIN[domain][name] : undefined) ?? COMMON[name];
  return rule?.(value);
}
