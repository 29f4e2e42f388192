// The structure of a PES Aller, written from the PES V2 schema's definition (PES_Aller.xsd, Class_Enveloppe,
// Class_EntetePES, PES_DepenseAller, Class_BordereauDepenseAller, Class_MandatAller, Class_LigneMandatAller,
// Class_TiersDepense, Class_PJ, Class_PJReference) rather than by embedding it. Children are unqualified; leaves
// carry their value in attribute V. Blocks marked `open` have their content left to Hélios (addresses, bank
// details, DGP…), the hub only places them.

export interface SchemaNode {
  name: string;
  min: number;
  max: number;
  /** A leaf: no children, a V attribute (unless `text`). */
  leaf?: boolean;
  /** Content not checked here (kept as is). */
  open?: boolean;
  /** Text content instead of V (the PJ's Fichier). */
  text?: boolean;
  /** Namespace of the element when not unqualified (the per-bordereau ds:Signature). */
  ns?: 'ds';
  children?: SchemaNode[];
}

const UNBOUNDED = Number.POSITIVE_INFINITY;
const leaf = (name: string, min = 1, max = 1): SchemaNode => ({ name, min, max, leaf: true });
const opt = (name: string, max = 1): SchemaNode => leaf(name, 0, max);
const block = (name: string, children: SchemaNode[], min = 1, max = 1): SchemaNode => ({ name, min, max, children });
const open = (name: string, min = 0, max = 1): SchemaNode => ({ name, min, max, open: true });

const pjRef = block('PJRef', [leaf('Support'), leaf('IdUnique'), opt('NomPJ')], 0, UNBOUNDED);

const enveloppe = block('Enveloppe', [
  block('Parametres', [leaf('Version'), leaf('TypFic'), leaf('NomFic')]),
  block('Emetteur', [opt('Sigle'), opt('Adresse')], 0),
  block('Recepteur', [opt('Sigle'), opt('Adresse')], 0),
]);

const enTetePes = block('EnTetePES', [
  leaf('DteStr'),
  leaf('IdPost'),
  opt('LibellePoste'),
  leaf('IdColl'),
  opt('FinJur'),
  leaf('CodCol'),
  // Optional in the schema; S²LOW (and so the hub) requires it: the routing command P_MSG carries it.
  leaf('CodBud'),
  opt('LibelleColBud'),
]);

const tiersDepense = block(
  'Tiers',
  [
    block('InfoTiers', [
      opt('IdTiers'),
      opt('NatIdTiers'),
      opt('DteIdTiers'),
      opt('RefTiers'),
      leaf('CatTiers'),
      leaf('NatJur'),
      opt('TypTiers'),
      opt('Civilite'),
      leaf('Nom'),
      opt('ComplNom'),
      opt('Prenom'),
    ]),
    open('Adresse'),
    open('CpteBancaire'),
  ],
  0,
);

const ligneDepense = block(
  'LigneDePiece',
  [
    block('BlocLignePiece', [
      block('InfoLignePce', [
        leaf('IdLigne'),
        opt('Libelle'),
        leaf('Nature'),
        opt('Fonction'),
        opt('Operation'),
        opt('CptAna'),
        opt('CodAnalytique'),
        opt('Facture'),
        opt('LibVir1'),
        opt('LibVir2'),
        opt('ModRegl'),
        leaf('TVAIntraCom'),
        opt('CpteTiers'),
        leaf('MtHT'),
        opt('MtTVA'),
        opt('MtFactHT'),
        pjRef,
      ]),
      open('InfoTVAHLM'),
      open('OpSpec'),
      open('RattachPiece'),
      open('LiensIdent'),
    ]),
    tiersDepense,
  ],
  1,
  UNBOUNDED,
);

const pieceDepense = block(
  'Piece',
  [
    block('BlocPiece', [
      block('InfoPce', [
        opt('CodServ'),
        opt('Affect'),
        leaf('IdPce'),
        leaf('TypPce'),
        leaf('NatPce'),
        opt('Obj'),
        opt('DteEch'),
        pjRef,
        opt('PJ'),
      ]),
      open('DGP'),
    ]),
    ligneDepense,
  ],
  1,
  UNBOUNDED,
);

const signature: SchemaNode = { name: 'Signature', ns: 'ds', min: 0, max: 1, open: true };

export const DEPENSE_SCHEMA = block(
  'PES_DepenseAller',
  [
    block('EnTeteDepense', [leaf('IdVer'), leaf('InfoDematerialisee')]),
    block(
      'Bordereau',
      [
        block('BlocBordereau', [
          leaf('Exer'),
          leaf('IdBord'),
          leaf('DteBordEm'),
          leaf('TypBord'),
          leaf('NbrPce'),
          opt('MtCumulAnnuel'),
          leaf('MtBordHT'),
          opt('MtBordTVA'),
        ]),
        pieceDepense,
        signature,
      ],
      1,
      UNBOUNDED,
    ),
  ],
  0,
);

const pieceRecette = block(
  'Piece',
  [
    // The titre's block is long (ASAP edition, CPP routing, debtor…): the hub reads the identifiers it checks.
    { ...block('BlocPiece', []), open: true },
    block(
      'LigneDePiece',
      [
        block('BlocLignePiece', [
          block('InfoLignePiece', [leaf('IdLigne'), { name: '*', min: 0, max: UNBOUNDED, open: true }]),
          { name: '*', min: 0, max: UNBOUNDED, open: true },
        ]),
        open('Tiers'),
        { name: '*', min: 0, max: UNBOUNDED, open: true },
      ],
      1,
      UNBOUNDED,
    ),
  ],
  1,
  UNBOUNDED,
);

export const RECETTE_SCHEMA = block(
  'PES_RecetteAller',
  [
    block('EnTeteRecette', [leaf('IdVer'), leaf('InfoDematerialisee')]),
    block(
      'Bordereau',
      [
        block('BlocBordereau', [
          leaf('Exer'),
          leaf('IdBord'),
          leaf('DteBordEm'),
          leaf('TypBord'),
          leaf('NbrPce'),
          opt('MtCumulAnnuel'),
          leaf('MtBordHt'),
          opt('MtBordTVA'),
          opt('DteAsp'),
          opt('Objet'),
        ]),
        pieceRecette,
        signature,
      ],
      1,
      UNBOUNDED,
    ),
  ],
  0,
);

export const PJ_SCHEMA = block(
  'PES_PJ',
  [
    block('EnTetePES_PJ', [leaf('IdVer')]),
    block(
      'PJ',
      [
        block('Contenu', [{ name: 'Fichier', min: 1, max: 1, text: true, leaf: true }]),
        leaf('IdUnique'),
        opt('ServeurId'),
        leaf('NomPJ'),
        opt('TypePJ'),
        leaf('Description'),
        open('RefCompta', 0, UNBOUNDED),
      ],
      0,
      UNBOUNDED,
    ),
  ],
  0,
);

export const PES_ALLER_SCHEMA = block('PES_Aller', [
  enveloppe,
  enTetePes,
  DEPENSE_SCHEMA,
  RECETTE_SCHEMA,
  open('PES_Facture'),
  PJ_SCHEMA,
  { ...signature, max: UNBOUNDED },
]);
