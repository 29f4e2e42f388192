// What a checked PES Aller says about itself: the envelope, its bordereaux and the mandate lines the hub links
// to invoices. Kept with the flow (lines apart) and shown on its pages.

export interface BordereauSummary {
  domain: 'depense' | 'recette';
  /** The bordereau's Id attribute (what its signature references), when present. */
  xmlId?: string;
  exer: string;
  idBord: string;
  typBord: string;
  nbrPce: number;
  /** Declared total without VAT, exact decimal text. */
  mtBordHT: string;
  signed: boolean;
}

/** A mandate line: what linking needs to find the invoice it pays. */
export interface MandateLine {
  exer: string;
  idBord: string;
  idPce: string;
  idLigne: string;
  facture?: string;
  tiersId?: string;
  natIdTiers?: string;
  tiersName?: string;
  mtHT: string;
  /** A PJRef on the line or on its piece. */
  hasPjRef: boolean;
}

export interface PjSummary {
  idUnique: string;
  nomPJ: string;
  mimeType: string;
  description: string;
}

export interface PesSummary {
  nomFic: string;
  typFic: string;
  idPost: string;
  idColl: string;
  codCol: string;
  codBud: string;
  libelleColBud?: string;
  dteStr: string;
  /** InfoDematerialisee of the dépense and recette parts that are present. */
  dematerialised: { depense?: boolean; recette?: boolean };
  bordereaux: BordereauSummary[];
  pieceCount: number;
  lineCount: number;
  pjs: PjSummary[];
}
