// What the fake treasury checks in a received PES Aller, as Hélios does: the encoding, the codique, the SIRET and
// budget known to the poste, bordereaux (of mandates or of titles), pieces and PJs never integrated before, and
// signatures present when the flow is dematerialised (their validity: fake-helios-signatures.ts). Written apart from the
// hub's own checks, on a DOM (fast-xml-parser): a fake of an external system must not share the code it tests.
import { XMLParser } from 'fast-xml-parser';

export interface KnownAccount {
  idPost: string;
  idColl: string;
  codCol: string;
  codBud: string;
}

export interface AckElement {
  domaine: string;
  etat: '0' | '1';
  numBord?: string;
  exercice?: string;
  idUnique?: string;
  errors: { code: string; label: string }[];
  pieces: { numPiece: string; errors: { code: string; label: string }[] }[];
}

export type HeliosVerdict =
  | { kind: 'nack'; nomFic: string; code: string; label: string; enTete?: Record<string, string> }
  | { kind: 'ack'; nomFic: string; enTete: Record<string, string>; elements: AckElement[]; pieces: ReceivedPiece[] };

export interface ReceivedPiece {
  exer: string;
  idBord: string;
  idPce: string;
}

export interface HeliosMemory {
  /** `${idColl}/${exer}/${idBord}` integrated so far. */
  bordereaux: Set<string>;
  pieces: Set<string>;
  pjs: Set<string>;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  isArray: (name) => ['Bordereau', 'Piece', 'LigneDePiece', 'PJ', 'PJRef'].includes(name),
});

type Node = Record<string, unknown>;
const v = (node: unknown): string | undefined => (node as { V?: string } | undefined)?.V;
const asArray = (node: unknown): Node[] => (Array.isArray(node) ? (node as Node[]) : node ? [node as Node] : []);

export function judgePesAller(bytes: Buffer, known: KnownAccount[] | undefined, memory: HeliosMemory): HeliosVerdict {
  const text = bytes.toString('latin1');
  const nomFic = /<NomFic\s+V="([^"]*)"/.exec(text)?.[1] ?? '';
  if (!/^<\?xml[^>]*encoding="ISO-8859-1"/i.test(text))
    return { kind: 'nack', nomFic, code: 'ERREUR_ENCODING', label: "L'encodage du fichier doit être ISO-8859-1" };
  let doc: Node;
  try {
    doc = parser.parse(text, true) as Node;
  } catch (error) {
    return {
      kind: 'nack',
      nomFic,
      code: 'ERREUR_SCHEMA_INCOMPLET',
      label: `Fichier illisible : ${(error as Error).message}`,
    };
  }
  const root = doc.PES_Aller as Node | undefined;
  if (!root) return { kind: 'nack', nomFic, code: 'ERREUR_SCHEMA_INCOMPLET', label: 'Racine PES_Aller absente' };
  const head = (root.EnTetePES ?? {}) as Node;
  const enTete: Record<string, string> = {};
  for (const key of ['DteStr', 'IdPost', 'IdColl', 'CodCol', 'CodBud', 'LibelleColBud']) {
    const value = v(head[key]);
    if (value !== undefined) enTete[key] = value;
  }
  if (known && !known.some((a) => a.idPost === enTete.IdPost))
    return {
      kind: 'nack',
      nomFic,
      code: 'ERREUR_CODIQUE',
      label: `Le codique ${enTete.IdPost} est inconnu dans Hélios`,
      enTete,
    };
  if (known && !known.some((a) => a.idPost === enTete.IdPost && a.idColl === enTete.IdColl))
    return {
      kind: 'nack',
      nomFic,
      code: 'ERREUR_SIRET',
      label: `Le SIRET ${enTete.IdColl} est inconnu du poste ${enTete.IdPost}`,
      enTete,
    };
  if (
    known &&
    !known.some((a) => a.idColl === enTete.IdColl && a.codCol === enTete.CodCol && a.codBud === enTete.CodBud)
  )
    return {
      kind: 'nack',
      nomFic,
      code: 'ERREUR_CODE_COLLECTIVITE_BUDGET',
      label: `Le budget ${enTete.CodCol}/${enTete.CodBud} est inconnu ou inactif`,
      enTete,
    };

  const elements: AckElement[] = [];
  const pieces: ReceivedPiece[] = [];
  const recettePieces: string[] = [];
  // Mandates (PES_DepenseAller, domain 5) and titles of receipt (PES_RecetteAller, domain 6) are judged alike;
  // a title is keyed apart from a mandate of the same number.
  const domains = [
    {
      domaine: '5',
      prefix: '',
      node: root.PES_DepenseAller as Node | undefined,
      head: 'EnTeteDepense',
      noun: 'mandat',
    },
    {
      domaine: '6',
      prefix: 'R/',
      node: root.PES_RecetteAller as Node | undefined,
      head: 'EnTeteRecette',
      noun: 'titre',
    },
  ];
  for (const { domaine, prefix, node, head: headName, noun } of domains) {
    const demat = v((node?.[headName] as Node | undefined)?.InfoDematerialisee) === '1';
    for (const bord of asArray(node?.Bordereau)) {
      const bloc = (bord.BlocBordereau ?? {}) as Node;
      const exer = v(bloc.Exer) ?? '';
      const idBord = v(bloc.IdBord) ?? '';
      const element: AckElement = { domaine, etat: '1', numBord: idBord, exercice: exer, errors: [], pieces: [] };
      const bordKey = `${enTete.IdColl}/${prefix}${exer}/${idBord}`;
      if (memory.bordereaux.has(bordKey))
        element.errors.push({
          code: 'ERREUR_DOUBLON_BORDEREAU',
          label: `1510 - Le bordereau ${idBord} a déjà été intégré pour l'exercice ${exer}`,
        });
      const signed = bord.Signature !== undefined;
      if (demat && !signed)
        element.errors.push({
          code: 'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
          label: '1300 - Bordereau dématérialisé non signé',
        });
      for (const piece of asArray(bord.Piece)) {
        const info = ((piece.BlocPiece as Node | undefined)?.InfoPce ?? {}) as Node;
        const idPce = v(info.IdPce) ?? '';
        const pieceKey = `${enTete.IdColl}/${prefix}${exer}/${idPce}`;
        if (memory.pieces.has(pieceKey))
          element.pieces.push({
            numPiece: idPce,
            errors: [
              {
                code: 'ERREUR_DOUBLON_PIECE',
                label: `1520 - Le ${noun} ${idPce} a déjà été intégré pour l'exercice ${exer}`,
              },
            ],
          });
        if (domaine === '5') pieces.push({ exer, idBord, idPce });
        else recettePieces.push(pieceKey);
      }
      if (element.errors.length > 0 || element.pieces.length > 0) element.etat = '0';
      elements.push(element);
    }
  }
  for (const pj of asArray((root.PES_PJ as Node | undefined)?.PJ)) {
    const idUnique = v(pj.IdUnique) ?? '';
    if (memory.pjs.has(idUnique))
      elements.push({
        domaine: '4',
        etat: '0',
        idUnique,
        errors: [
          { code: 'ERREUR_DOUBLON_PJ', label: "1984 - L'identifiant unique de la PJ a déjà été intégré dans HELIOS" },
        ],
        pieces: [],
      });
  }
  // What was accepted is now integrated: a second sending is a duplicate.
  for (const element of elements) {
    if ((element.domaine === '5' || element.domaine === '6') && element.etat === '1')
      memory.bordereaux.add(
        `${enTete.IdColl}/${element.domaine === '6' ? 'R/' : ''}${element.exercice}/${element.numBord}`,
      );
  }
  for (const piece of pieces) memory.pieces.add(`${enTete.IdColl}/${piece.exer}/${piece.idPce}`);
  for (const key of recettePieces) memory.pieces.add(key);
  for (const pj of asArray((root.PES_PJ as Node | undefined)?.PJ)) memory.pjs.add(v(pj.IdUnique) ?? '');
  return { kind: 'ack', nomFic, enTete, elements, pieces };
}
