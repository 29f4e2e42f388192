// Reads what the hub needs from a file the treasury sent back, fed by a streaming XML parser: its kind (by root
// element), NomFic and header, and per kind the acknowledgement's elements and errors at their place, or the
// PES_Retour's mandates with their state and payment date.
import { returnKindOfRoot, type PesReturnKind } from './statuses.ts';

export interface AckError {
  code: string;
  label: string;
  domaine?: string;
  bordereau?: string;
  exercice?: string;
  piece?: string;
  ligne?: string;
  pj?: string;
}

export interface AckElementRead {
  domaine: string;
  accepted: boolean;
  bordereau?: string;
  exercice?: string;
  pj?: string;
}

export interface RetourPieceRead {
  exer: string;
  idBord: string;
  idPce: string;
  etatPce?: string;
  dtePaiement?: string;
  dtePcePec?: string;
}

export interface ReturnRead {
  kind: PesReturnKind;
  nomFic: string;
  typFic: string;
  idColl: string;
  idPost: string;
  codCol: string;
  codBud: string;
  elements: AckElementRead[];
  errors: AckError[];
  pieces: RetourPieceRead[];
}

const MAX_ERRORS = 1000;

export class ReturnReader {
  private readonly path: string[] = [];
  private readonly read: ReturnRead = {
    kind: 'INCONNU',
    nomFic: '',
    typFic: '',
    idColl: '',
    idPost: '',
    codCol: '',
    codBud: '',
    elements: [],
    errors: [],
    pieces: [],
  };
  private element: (AckElementRead & { piece?: string; ligne?: string }) | undefined;
  private error: Partial<AckError> | undefined;
  private bordereau: { exer: string; idBord: string } | undefined;
  private piece: RetourPieceRead | undefined;

  open(local: string, v: string | undefined): void {
    const parent = this.path[this.path.length - 1];
    if (this.path.length === 0) this.read.kind = returnKindOfRoot(local);
    this.path.push(local);
    if (local === 'ElementACQUIT') this.element = { domaine: '', accepted: true };
    else if (local === 'Erreur') this.error = {};
    else if (local === 'Bordereau') this.bordereau = { exer: '', idBord: '' };
    else if (local === 'Piece' && this.bordereau)
      this.piece = { exer: this.bordereau.exer, idBord: this.bordereau.idBord, idPce: '' };
    if (v === undefined) return;
    const r = this.read;
    if (parent === 'Parametres' && local === 'NomFic') r.nomFic = v;
    else if (parent === 'Parametres' && local === 'TypFic') r.typFic = v;
    else if (parent === 'EnTetePES') {
      if (local === 'IdColl') r.idColl = v;
      else if (local === 'IdPost') r.idPost = v;
      else if (local === 'CodCol' || local === 'CodColl') r.codCol = v;
      else if (local === 'CodBud') r.codBud = v;
    } else if (this.error && parent === 'Erreur') {
      if (local === 'NumAnoAck') this.error.code = v;
      else if (local === 'LibelleAnoAck') this.error.label = v;
    } else if (this.element) {
      if (local === 'DomaineAck') this.element.domaine = v;
      else if (local === 'EtatAck') this.element.accepted = v === '1';
      else if (local === 'NumBord') this.element.bordereau = v;
      else if (local === 'ExerciceBord') this.element.exercice = v;
      else if (local === 'IdUnique') this.element.pj = v;
      else if (local === 'NumPiece') this.element.piece = v;
      else if (local === 'NumLigne') this.element.ligne = v;
    } else if (parent === 'BlocBordereau' && this.bordereau) {
      if (local === 'Exer') this.bordereau.exer = v;
      else if (local === 'IdBord') this.bordereau.idBord = v;
    } else if (this.piece && (parent === 'InfoPiece' || parent === 'BlocPiece' || parent === 'InfoPce')) {
      if (local === 'IdPce') this.piece.idPce = v;
      else if (local === 'EtatPce') this.piece.etatPce = v;
      else if (local === 'DtePaiement') this.piece.dtePaiement = v;
      else if (local === 'DtePcePec') this.piece.dtePcePec = v;
    }
  }

  close(): void {
    const local = this.path.pop();
    if (local === 'Erreur' && this.error) {
      const e = this.error;
      this.error = undefined;
      const where = this.element;
      const inPiece = this.path.includes('DetailPiece');
      const inLine = this.path.includes('DetailLigne');
      if (this.read.errors.length < MAX_ERRORS)
        this.read.errors.push({
          code: e.code ?? 'ERREUR_AUTRE',
          label: e.label ?? '',
          ...(where?.domaine ? { domaine: where.domaine } : {}),
          ...(where?.bordereau ? { bordereau: where.bordereau } : {}),
          ...(where?.exercice ? { exercice: where.exercice } : {}),
          ...(where?.pj ? { pj: where.pj } : {}),
          ...(inPiece && where?.piece ? { piece: where.piece } : {}),
          ...(inLine && where?.ligne ? { ligne: where.ligne } : {}),
        });
    } else if (local === 'DetailLigne' && this.element) {
      delete this.element.ligne;
    } else if (local === 'DetailPiece' && this.element) {
      delete this.element.piece;
    } else if (local === 'ElementACQUIT' && this.element) {
      const { piece: _p, ligne: _l, ...element } = this.element;
      this.read.elements.push(element);
      this.element = undefined;
    } else if (local === 'Piece' && this.piece) {
      if (this.bordereau) this.piece = { ...this.piece, exer: this.bordereau.exer, idBord: this.bordereau.idBord };
      this.read.pieces.push(this.piece);
      this.piece = undefined;
    } else if (local === 'Bordereau') {
      this.bordereau = undefined;
    }
  }

  result(): ReturnRead {
    return this.read;
  }
}

/** The flow's state an acknowledgement gives: accepted, accepted with information to read, refused. */
export function statusOfAcknowledgement(read: ReturnRead): 'ACQUITTE' | 'INFORMATION_DISPONIBLE' | 'REFUSE' | 'ERREUR' {
  if (read.kind === 'NON_ACQUIT') return 'REFUSE';
  if (read.kind !== 'ACQUIT') return 'ERREUR';
  return read.errors.length === 0 && read.elements.every((e) => e.accepted) ? 'ACQUITTE' : 'INFORMATION_DISPONIBLE';
}

/** A mandate of a PES_Retour is paid when it carries its payment date, or the state 04 (payé). */
export function paymentDateOf(piece: RetourPieceRead): string | undefined {
  if (piece.dtePaiement) return piece.dtePaiement;
  if (piece.etatPce === '04') return piece.dtePcePec;
  return undefined;
}
