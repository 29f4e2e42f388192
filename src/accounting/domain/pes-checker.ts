// The checks of a PES Aller made while it streams by (the XML parser feeds `open`, `text` and `close`): the
// structure of the schema, code lists, totals, uniqueness of bordereaux, pieces and PJs, PJ references, the link
// between InfoDematerialisee and signatures, and IdColl among the depositing structure's SIRETs. Memory stays
// bounded by what is kept per bordereau and by the mandate lines. PJ contents are handed to `onPjContent` (the
// caller decodes them), signatures are verified elsewhere.
import Decimal from 'decimal.js';
import { issue, MAX_ISSUES, type AckErrorCode, type CheckIssue, type IssuePlace } from './check-issue.ts';
import {
  CAT_TIERS_PERSONNE_PHYSIQUE,
  DSIG_NS,
  MOD_REGL,
  MOD_REGL_FORBIDS_BANK,
  MOD_REGL_NEEDS_BANK,
  PES_ALLER_NS,
} from './codes.ts';
import { checkLeaf } from './leaf-rules.ts';
import { PES_ALLER_SCHEMA, type SchemaNode } from './pes-schema.ts';
import type { BordereauSummary, MandateLine, PesSummary, PjSummary } from './pes-summary.ts';
import { endSequence, matchChild, startSequence, type SequenceState } from './sequence-matcher.ts';

export interface PesCheckInput {
  /** SIRETs of the depositing structure: IdColl must be one of them. */
  sirets: readonly string[];
  /** The hub will sign the unsigned bordereaux: a dematerialised flow may come unsigned. */
  hubSigns?: boolean;
  /** Called with each PJ's base64 content (and its place) at the end of its PJ element. */
  onPjContent?: (pj: PjSummary, base64: string, place: IssuePlace) => void;
}

export interface PesCheckResult {
  issues: CheckIssue[];
  /** True when more issues were found than kept. */
  truncated: boolean;
  summary: PesSummary;
  lines: MandateLine[];
}

interface Frame {
  name: string;
  path: string;
  /** Undefined for content the hub does not check (open blocks, unknown elements already reported). */
  node?: SchemaNode;
  seq?: SequenceState;
}

interface BordereauState {
  domain: 'depense' | 'recette';
  xmlId?: string;
  index: number;
  exer: string;
  idBord: string;
  typBord: string;
  nbrPce: string;
  mtBordHT: string;
  mtCumulAnnuel: boolean;
  pieces: number;
  sum: Decimal;
  signatures: number;
}

interface PieceState {
  idPce: string;
  pjRef: boolean;
}

interface LineState {
  idLigne: string;
  modRegl?: string;
  facture?: string;
  mtHT?: string;
  pjRef: boolean;
  tiers: boolean;
  idTiers?: string;
  natIdTiers?: string;
  catTiers?: string;
  civilite?: string;
  prenom?: string;
  nom?: string;
  bank: boolean;
}

interface PjRefState {
  support?: string;
  idUnique?: string;
}

interface PjState {
  idUnique?: string;
  nomPJ?: string;
  description?: string;
  mimeType?: string;
  content: string[];
  contentSeen: boolean;
}

const DOMAIN_OF: Record<string, 'depense' | 'recette'> = {
  PES_DepenseAller: 'depense',
  PES_RecetteAller: 'recette',
};

export class PesChecker {
  private readonly issues: CheckIssue[] = [];
  private truncated = false;
  private readonly stack: Frame[] = [];
  private rootSeen = false;
  private domain: 'depense' | 'recette' | undefined;
  private readonly envelope: Record<string, string> = {};
  private readonly demat: { depense?: string; recette?: string } = {};
  private bordereau: BordereauState | undefined;
  private piece: PieceState | undefined;
  private line: LineState | undefined;
  private pjRef: PjRefState | undefined;
  private pj: PjState | undefined;
  private readonly bordereaux: BordereauSummary[] = [];
  private readonly bordKeys = new Set<string>();
  private readonly pieceKeys = new Set<string>();
  private readonly lines: MandateLine[] = [];
  private readonly pjs: PjSummary[] = [];
  private readonly pjIds = new Set<string>();
  /** PJRef Support 01 to resolve once PES_PJ has been read; 02/03 must not have a PJ block. */
  private readonly references: { idUnique: string; support: string; place: IssuePlace }[] = [];
  private pieceCount = 0;
  private lineCount = 0;
  private bordereauIndex = 0;
  private rootSignatures = 0;

  constructor(private readonly input: PesCheckInput) {}

  /** Reports an issue found outside the checker (PJ decoding, file-level problems). */
  report(found: CheckIssue): void {
    if (this.issues.length >= MAX_ISSUES) {
      this.truncated = true;
      return;
    }
    this.issues.push(found);
  }

  private fail(code: AckErrorCode, element: string, problem: string, place: Partial<IssuePlace> = this.place()): void {
    this.report(issue(code, { ...place, element }, problem));
  }

  private place(): Omit<IssuePlace, 'element'> {
    const place: Omit<IssuePlace, 'element'> = {};
    if (this.domain) place.domain = this.domain;
    if (this.bordereau) place.bordereau = this.bordereau.idBord || `n° ${this.bordereau.index} du fichier`;
    if (this.piece && this.piece.idPce !== '') place.piece = this.piece.idPce;
    if (this.line && this.line.idLigne !== '') place.ligne = this.line.idLigne;
    if (this.pj?.idUnique) place.pj = this.pj.idUnique;
    return place;
  }

  open(local: string, uri: string, attributes: Readonly<Record<string, string>>): void {
    const parent = this.stack[this.stack.length - 1];
    if (!this.rootSeen) {
      this.rootSeen = true;
      if (local !== 'PES_Aller' || uri !== PES_ALLER_NS) {
        this.fail(
          'ERREUR_SCHEMA_INCOMPLET',
          local,
          `n'est pas la racine attendue : un PES Aller commence par l'élément PES_Aller de l'espace de noms ${PES_ALLER_NS}`,
          {},
        );
        this.stack.push({ name: local, path: '' });
        return;
      }
      this.stack.push({ name: local, path: '', node: PES_ALLER_SCHEMA, seq: startSequence(PES_ALLER_SCHEMA) });
      return;
    }
    const path = parent && parent.path !== '' ? `${parent.path}/${local}` : local;
    if (!parent?.node || !parent.seq || parent.node.open) {
      this.stack.push({ name: local, path });
      return;
    }
    if (parent.node.leaf) {
      this.fail(
        'ERREUR_SCHEMA_INCOMPLET',
        path,
        `ne doit pas se trouver dans « ${parent.name} », qui porte une valeur`,
      );
      this.stack.push({ name: local, path });
      return;
    }
    const ns = uri === DSIG_NS ? 'ds' : undefined;
    if (uri !== '' && ns === undefined) {
      this.fail('ERREUR_SCHEMA_INCOMPLET', path, `doit être non qualifié (espace de noms ${uri} inattendu)`);
    }
    const outcome = matchChild(parent.seq, local, ns);
    for (const missing of outcome.missing) this.missing(missing, parent);
    if (!outcome.ok) {
      const why =
        outcome.problem === 'repeated'
          ? `est répété plus de fois que le schéma ne l'admet dans « ${parent.name} »`
          : outcome.problem === 'misplaced'
            ? `n'est pas à sa place dans « ${parent.name} » (ordre du schéma PES V2)`
            : `n'est pas attendu dans « ${parent.name} »`;
      this.fail('ERREUR_SCHEMA_INCOMPLET', path, why);
      this.stack.push({ name: local, path });
      return;
    }
    const node = outcome.child;
    const frame: Frame = { name: local, path, node };
    if (!node.leaf && !node.open) frame.seq = startSequence(node);
    this.stack.push(frame);
    this.enter(local, parent.name, path, attributes, node);
  }

  text(value: string): void {
    const top = this.stack[this.stack.length - 1];
    if (!top?.node) return;
    if (top.node.text && this.pj) {
      this.pj.content.push(value);
      return;
    }
    if (value.trim() !== '' && !top.node.open) {
      this.fail(
        'ERREUR_SCHEMA_INCOMPLET',
        top.path,
        'ne doit pas contenir de texte : les valeurs sont dans l’attribut V',
      );
    }
  }

  close(): void {
    const frame = this.stack.pop();
    if (!frame) return;
    if (frame.seq) for (const missing of endSequence(frame.seq)) this.missing(missing, frame);
    if (frame.node) this.leave(frame);
  }

  private missing(node: SchemaNode, parent: Frame): void {
    const label = node.ns === 'ds' ? 'ds:Signature' : node.name;
    const path = parent.path === '' ? label : `${parent.path}/${label}`;
    this.fail('ERREUR_SCHEMA_INCOMPLET', path, `est obligatoire dans « ${parent.name} » et absent`);
  }

  private enter(
    local: string,
    parentName: string,
    path: string,
    attributes: Readonly<Record<string, string>>,
    node: SchemaNode,
  ): void {
    if (DOMAIN_OF[local]) this.domain = DOMAIN_OF[local];
    if (local === 'PES_PJ') this.domain = undefined;
    if (local === 'Bordereau') {
      this.bordereauIndex += 1;
      this.bordereau = {
        domain: this.domain ?? 'depense',
        index: this.bordereauIndex,
        exer: '',
        idBord: '',
        typBord: '',
        nbrPce: '',
        mtBordHT: '',
        mtCumulAnnuel: false,
        pieces: 0,
        sum: new Decimal(0),
        signatures: 0,
        ...(attributes.Id ? { xmlId: attributes.Id } : {}),
      };
    } else if (local === 'Piece' && this.bordereau) {
      this.bordereau.pieces += 1;
      this.pieceCount += 1;
      this.piece = { idPce: '', pjRef: false };
    } else if (local === 'LigneDePiece' && this.piece) {
      this.lineCount += 1;
      this.line = { idLigne: '', pjRef: false, tiers: false, bank: false };
    } else if (local === 'Tiers' && this.line) {
      this.line.tiers = true;
    } else if (local === 'CpteBancaire' && this.line) {
      this.line.bank = true;
    } else if (local === 'PJRef') {
      this.pjRef = {};
    } else if (local === 'PJ' && parentName === 'PES_PJ') {
      this.pj = { content: [], contentSeen: false };
    } else if (local === 'Signature' && node.ns === 'ds') {
      if (this.bordereau) this.bordereau.signatures += 1;
      else if (parentName === 'PES_Aller') this.rootSignatures += 1;
    }
    if (local === 'Fichier' && this.pj) {
      this.pj.contentSeen = true;
      const mime = attributes.MIMEType;
      if (!mime) this.fail('ERREUR_PJ', path, "doit porter l'attribut MIMEType");
      else this.pj.mimeType = mime;
      return;
    }
    if (!node.leaf) {
      // A title line's children after IdLigne are read through the schema's open part; its amount still counts in
      // the bordereau's sum (MtBordHt = the lines' MtHT).
      if (node.open && parentName === 'InfoLignePiece' && attributes.V !== undefined)
        this.record(local, parentName, attributes.V);
      return;
    }
    const value = attributes.V;
    if (value === undefined) {
      this.fail('ERREUR_SCHEMA_INCOMPLET', path, "n'a pas d'attribut V (les valeurs des feuilles PES sont dans V)");
      return;
    }
    const problem = checkLeaf(local, parentName, value, this.domain);
    if (problem) this.fail(problem.code, path, problem.problem);
    this.record(local, parentName, value);
  }

  private record(local: string, parentName: string, value: string): void {
    if (parentName === 'Parametres' || parentName === 'EnTetePES') this.envelope[local] = value;
    else if (parentName === 'EnTeteDepense' && local === 'InfoDematerialisee') this.demat.depense = value;
    else if (parentName === 'EnTeteRecette' && local === 'InfoDematerialisee') this.demat.recette = value;
    else if (parentName === 'BlocBordereau' && this.bordereau) {
      const b = this.bordereau;
      if (local === 'Exer') b.exer = value;
      else if (local === 'IdBord') b.idBord = value;
      else if (local === 'TypBord') b.typBord = value;
      else if (local === 'NbrPce') b.nbrPce = value;
      else if (local === 'MtBordHT' || local === 'MtBordHt') b.mtBordHT = value;
      else if (local === 'MtCumulAnnuel') b.mtCumulAnnuel = true;
    } else if ((parentName === 'InfoPce' || parentName === 'BlocPiece') && this.piece && local === 'IdPce') {
      this.piece.idPce = value;
      this.checkPieceUnique();
    } else if ((parentName === 'InfoLignePce' || parentName === 'InfoLignePiece') && this.line) {
      const l = this.line;
      if (local === 'IdLigne') l.idLigne = value;
      else if (local === 'ModRegl') l.modRegl = value;
      else if (local === 'Facture') l.facture = value;
      else if (local === 'MtHT') l.mtHT = value;
    } else if (parentName === 'InfoTiers' && this.line) {
      const l = this.line;
      if (local === 'IdTiers') l.idTiers = value;
      else if (local === 'NatIdTiers') l.natIdTiers = value;
      else if (local === 'CatTiers') l.catTiers = value;
      else if (local === 'Civilite') l.civilite = value;
      else if (local === 'Prenom') l.prenom = value;
      else if (local === 'Nom') l.nom = value;
    } else if (parentName === 'PJRef' && this.pjRef) {
      if (local === 'Support') this.pjRef.support = value;
      else if (local === 'IdUnique') this.pjRef.idUnique = value;
    } else if (parentName === 'PJ' && this.pj) {
      if (local === 'IdUnique') this.pj.idUnique = value;
      else if (local === 'NomPJ') this.pj.nomPJ = value;
      else if (local === 'Description') this.pj.description = value;
    }
  }

  private checkPieceUnique(): void {
    const b = this.bordereau;
    const p = this.piece;
    if (!b || !p) return;
    const key = `${b.domain}/${b.exer}/${p.idPce}`;
    if (this.pieceKeys.has(key)) {
      this.fail(
        'ERREUR_DOUBLON_PIECE',
        'Piece/BlocPiece/InfoPce/IdPce',
        `${p.idPce} est déjà utilisé par une autre pièce de l'exercice ${b.exer} dans ce fichier`,
      );
    }
    this.pieceKeys.add(key);
  }

  private leave(frame: Frame): void {
    const name = frame.name;
    if (name === 'PJRef' && this.pjRef) {
      const ref = this.pjRef;
      this.pjRef = undefined;
      if (ref.idUnique && ref.support) {
        this.references.push({
          idUnique: ref.idUnique,
          support: ref.support,
          place: { ...this.place(), element: frame.path },
        });
        if (this.line) this.line.pjRef = true;
        else if (this.piece) this.piece.pjRef = true;
      }
    } else if (name === 'LigneDePiece' && this.line) {
      this.leaveLine(frame.path);
      this.line = undefined;
    } else if (name === 'Piece' && this.piece) {
      this.piece = undefined;
    } else if (name === 'Bordereau' && this.bordereau) {
      this.leaveBordereau(frame.path);
      this.bordereau = undefined;
    } else if (name === 'PJ' && this.pj) {
      this.leavePj(frame.path);
      this.pj = undefined;
    } else if (frame.path === '') {
      this.leaveRoot();
    }
  }

  private leaveLine(path: string): void {
    const l = this.line;
    const b = this.bordereau;
    if (!l || !b) return;
    if (l.mtHT && /^-?\d+(\.\d+)?$/.test(l.mtHT)) b.sum = b.sum.plus(l.mtHT);
    if (b.domain !== 'depense') return;
    if (l.modRegl && Object.hasOwn(MOD_REGL, l.modRegl)) {
      if (MOD_REGL_NEEDS_BANK.has(l.modRegl) && !l.bank)
        this.fail(
          'ERREUR_CODIFICATION',
          `${path}/Tiers/CpteBancaire`,
          `est obligatoire avec le mode de règlement ${l.modRegl} (${MOD_REGL[l.modRegl]})`,
        );
      if (MOD_REGL_FORBIDS_BANK.has(l.modRegl) && l.bank)
        this.fail(
          'ERREUR_CODIFICATION',
          `${path}/Tiers/CpteBancaire`,
          `est interdit avec le mode de règlement ${l.modRegl} (${MOD_REGL[l.modRegl]})`,
        );
    }
    if (l.tiers) {
      const tiersPath = `${path}/Tiers/InfoTiers`;
      if (l.catTiers === CAT_TIERS_PERSONNE_PHYSIQUE) {
        if (!l.civilite)
          this.fail(
            'ERREUR_SCHEMA_INCOMPLET',
            `${tiersPath}/Civilite`,
            'est obligatoire pour une personne physique (CatTiers 01)',
          );
        if (!l.prenom)
          this.fail(
            'ERREUR_SCHEMA_INCOMPLET',
            `${tiersPath}/Prenom`,
            'est obligatoire pour une personne physique (CatTiers 01)',
          );
      } else {
        if (l.civilite)
          this.fail(
            'ERREUR_SCHEMA_INCOMPLET',
            `${tiersPath}/Civilite`,
            "n'est admis que pour une personne physique (CatTiers 01)",
          );
        if (l.prenom)
          this.fail(
            'ERREUR_SCHEMA_INCOMPLET',
            `${tiersPath}/Prenom`,
            "n'est admis que pour une personne physique (CatTiers 01)",
          );
      }
      if (l.idTiers !== undefined && l.natIdTiers === '01' && !/^\d{14}$/.test(l.idTiers))
        this.fail(
          'ERREUR_SIRET',
          `${tiersPath}/IdTiers`,
          `doit être un SIRET de 14 chiffres avec NatIdTiers 01 (reçu « ${l.idTiers} »)`,
        );
      if (l.idTiers !== undefined && l.natIdTiers === '02' && !/^\d{9}$/.test(l.idTiers))
        this.fail(
          'ERREUR_SIRET',
          `${tiersPath}/IdTiers`,
          `doit être un SIREN de 9 chiffres avec NatIdTiers 02 (reçu « ${l.idTiers} »)`,
        );
      if (l.idTiers !== undefined && l.natIdTiers === undefined)
        this.fail(
          'ERREUR_SCHEMA_INCOMPLET',
          `${tiersPath}/NatIdTiers`,
          "est obligatoire quand l'identifiant du tiers est donné",
        );
    }
    this.lines.push({
      exer: b.exer,
      idBord: b.idBord,
      idPce: this.piece?.idPce ?? '',
      idLigne: l.idLigne,
      ...(l.facture !== undefined ? { facture: l.facture } : {}),
      ...(l.idTiers !== undefined ? { tiersId: l.idTiers } : {}),
      ...(l.natIdTiers !== undefined ? { natIdTiers: l.natIdTiers } : {}),
      ...(l.nom !== undefined ? { tiersName: l.nom } : {}),
      mtHT: l.mtHT ?? '0',
      hasPjRef: l.pjRef || (this.piece?.pjRef ?? false),
    });
  }

  private leaveBordereau(path: string): void {
    const b = this.bordereau;
    if (!b) return;
    const key = `${b.domain}/${b.exer}/${b.idBord}`;
    if (b.idBord !== '' && this.bordKeys.has(key))
      this.fail(
        'ERREUR_DOUBLON_BORDEREAU',
        `${path}/BlocBordereau/IdBord`,
        `${b.idBord} est déjà utilisé par un autre bordereau de l'exercice ${b.exer} dans ce fichier`,
      );
    this.bordKeys.add(key);
    if (/^\d+$/.test(b.nbrPce) && Number(b.nbrPce) !== b.pieces)
      this.fail(
        'ERREUR_CUMUL_MONTANTS',
        `${path}/BlocBordereau/NbrPce`,
        `annonce ${b.nbrPce} pièce(s), le bordereau en contient ${b.pieces}`,
      );
    const total = b.domain === 'depense' ? 'MtBordHT' : 'MtBordHt';
    if (/^-?\d+(\.\d+)?$/.test(b.mtBordHT) && !new Decimal(b.mtBordHT).equals(b.sum))
      this.fail(
        'ERREUR_CUMUL_MONTANTS',
        `${path}/BlocBordereau/${total}`,
        `vaut ${b.mtBordHT}, la somme des montants HT des lignes est ${b.sum.toFixed(2)}`,
      );
    const demat = this.demat[b.domain];
    if (demat === '1' && !b.mtCumulAnnuel)
      this.fail(
        'ERREUR_SCHEMA_INCOMPLET',
        `${path}/BlocBordereau/MtCumulAnnuel`,
        'est obligatoire quand InfoDematerialisee vaut 1',
      );
    if (demat === '0' && b.signatures > 0)
      this.fail(
        'ERREUR_PES_SIGNATURE',
        `${path}/ds:Signature`,
        "est interdite quand InfoDematerialisee vaut 0 : le bordereau n'est pas dématérialisé",
      );
    if (b.signatures > 0 && !b.xmlId)
      this.fail(
        'ERREUR_SIGNATURE_BORDEREAU_INCOMPLETE',
        `${path}/ds:Signature`,
        "référence le bordereau, qui doit porter l'attribut Id",
      );
    this.bordereaux.push({
      domain: b.domain,
      ...(b.xmlId ? { xmlId: b.xmlId } : {}),
      exer: b.exer,
      idBord: b.idBord,
      typBord: b.typBord,
      nbrPce: b.pieces,
      mtBordHT: b.mtBordHT,
      signed: b.signatures > 0,
    });
  }

  private leavePj(path: string): void {
    const pj = this.pj;
    if (!pj) return;
    const id = pj.idUnique;
    if (id) {
      if (this.pjIds.has(id))
        this.fail('ERREUR_DOUBLON_PJ', `${path}/IdUnique`, `${id} est déjà utilisé par une autre PJ de ce fichier`);
      this.pjIds.add(id);
    }
    const summary: PjSummary = {
      idUnique: id ?? '',
      nomPJ: pj.nomPJ ?? '',
      mimeType: pj.mimeType ?? '',
      description: pj.description ?? '',
    };
    this.pjs.push(summary);
    const base64 = pj.content.join('');
    pj.content.length = 0;
    if (pj.contentSeen && base64.trim() === '') {
      this.fail('ERREUR_PJ', `${path}/Contenu/Fichier`, 'est vide : une PJ sans contenu est rejetée');
      return;
    }
    if (pj.contentSeen && this.input.onPjContent)
      this.input.onPjContent(summary, base64, { ...this.place(), element: `${path}/Contenu/Fichier` });
  }

  private leaveRoot(): void {
    for (const ref of this.references) {
      const present = this.pjIds.has(ref.idUnique);
      if (ref.support === '01' && !present)
        this.report(issue('ERREUR_PJ', ref.place, `désigne la PJ ${ref.idUnique}, absente de PES_PJ`));
      if (ref.support !== '01' && present)
        this.report(
          issue(
            'ERREUR_PJ',
            ref.place,
            `désigne une PJ sur support ${ref.support} (non électronique), qui ne doit pas figurer dans PES_PJ`,
          ),
        );
    }
    for (const domain of ['depense', 'recette'] as const) {
      if (this.demat[domain] !== '1') continue;
      for (const b of this.bordereaux.filter((x) => x.domain === domain && !x.signed)) {
        if (this.rootSignatures > 0 || this.input.hubSigns) continue;
        this.report(
          issue(
            'ERREUR_PES_SIGNATURE',
            {
              domain,
              bordereau: b.idBord,
              element: `${domain === 'depense' ? 'PES_DepenseAller' : 'PES_RecetteAller'}/Bordereau/ds:Signature`,
            },
            "est absente alors que InfoDematerialisee vaut 1 : chaque bordereau dématérialisé doit être signé par l'ordonnateur",
          ),
        );
      }
    }
    const idColl = this.envelope.IdColl;
    if (idColl && /^\d{14}$/.test(idColl) && !this.input.sirets.includes(idColl))
      this.report(
        issue(
          'ERREUR_SIRET',
          { element: 'EnTetePES/IdColl' },
          `vaut ${idColl}, qui n'est pas un SIRET de la structure qui dépose le fichier`,
        ),
      );
  }

  /** Call once the parser has reached the end of the document. */
  result(): PesCheckResult {
    if (!this.rootSeen)
      this.report(issue('ERREUR_FLUX_VIDE', { element: 'PES_Aller' }, 'est absent : le fichier est vide'));
    const e = this.envelope;
    return {
      issues: this.issues,
      truncated: this.truncated,
      lines: this.lines,
      summary: {
        nomFic: e.NomFic ?? '',
        typFic: e.TypFic ?? '',
        idPost: e.IdPost ?? '',
        idColl: e.IdColl ?? '',
        codCol: e.CodCol ?? '',
        codBud: e.CodBud ?? '',
        ...(e.LibelleColBud !== undefined ? { libelleColBud: e.LibelleColBud } : {}),
        dteStr: e.DteStr ?? '',
        dematerialised: {
          ...(this.demat.depense !== undefined ? { depense: this.demat.depense === '1' } : {}),
          ...(this.demat.recette !== undefined ? { recette: this.demat.recette === '1' } : {}),
        },
        bordereaux: this.bordereaux,
        pieceCount: this.pieceCount,
        lineCount: this.lineCount,
        pjs: this.pjs,
      },
    };
  }
}
