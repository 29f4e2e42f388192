// Services and Chorus Pro routing rules of the larger Breton collectivities, as a collectivity
// declares them on Chorus Pro. The codes and rules are an illustrative set for the hub, not a copy
// of Chorus Pro's directory; small communes declare no services, as most do on Chorus Pro.

export interface ServiceSpec {
  readonly code: string;
  readonly label: string;
  readonly engagementNumberRequired?: boolean;
  readonly active?: boolean;
}

export interface RoutingSpec {
  /** SIREN of the structure (région, département, commune, EPCI or hospital). */
  readonly siren: string;
  readonly serviceCodeRequired: boolean;
  readonly engagementNumberRequired: boolean;
  readonly serviceCodeOrEngagementRequired: boolean;
  /** Invoices to this structure are forwarded to Chorus Pro by the sync. */
  readonly receivesThroughChorus: boolean;
  readonly services: readonly ServiceSpec[];
}

const FIN = { code: 'FIN', label: 'Direction des finances' } as const;
const COMMANDE = { code: 'COMMANDE', label: 'Commande publique', engagementNumberRequired: true } as const;
const SI = { code: 'SI', label: 'Systèmes d’information', engagementNumberRequired: true } as const;

const commune = (
  siren: string,
  rules: Omit<RoutingSpec, 'siren' | 'services'>,
  extra: ServiceSpec[] = [],
): RoutingSpec => ({
  siren,
  ...rules,
  services: [
    FIN,
    { code: 'TECH', label: 'Services techniques', engagementNumberRequired: true },
    { code: 'EDUC', label: 'Éducation et écoles' },
    { code: 'CULT', label: 'Culture et patrimoine' },
    ...extra,
  ],
});

const departement = (siren: string, rules: Omit<RoutingSpec, 'siren' | 'services'>): RoutingSpec => ({
  siren,
  ...rules,
  services: [
    FIN,
    COMMANDE,
    { code: 'EDUC', label: 'Éducation et collèges' },
    { code: 'SOLIDARITES', label: 'Solidarités et action sociale' },
    { code: 'ROUTES', label: 'Routes départementales', engagementNumberRequired: true },
    SI,
  ],
});

const epci = (siren: string, rules: Omit<RoutingSpec, 'siren' | 'services'>): RoutingSpec => ({
  siren,
  ...rules,
  services: [
    FIN,
    COMMANDE,
    { code: 'DECHETS', label: 'Prévention et gestion des déchets' },
    { code: 'EAU', label: 'Eau et assainissement', engagementNumberRequired: true },
    { code: 'MOBILITES', label: 'Mobilités et transports' },
  ],
});

const NONE = { serviceCodeRequired: false, engagementNumberRequired: false, serviceCodeOrEngagementRequired: false };
const SERVICE = { ...NONE, serviceCodeRequired: true };
const ENGAGEMENT = { ...NONE, engagementNumberRequired: true };
const EITHER = { ...NONE, serviceCodeOrEngagementRequired: true };
const BOTH = { ...NONE, serviceCodeRequired: true, engagementNumberRequired: true };

export const ROUTING_SPECS: readonly RoutingSpec[] = [
  {
    siren: '233500016', // Région Bretagne
    ...BOTH,
    receivesThroughChorus: true,
    services: [
      FIN,
      COMMANDE,
      { code: 'LYCEES', label: 'Éducation et lycées' },
      { code: 'TRANSPORTS', label: 'Transports régionaux (BreizhGo)', engagementNumberRequired: true },
      { code: 'ECO', label: 'Développement économique' },
      SI,
    ],
  },
  departement('222200016', { ...SERVICE, receivesThroughChorus: true }), // Côtes-d'Armor
  departement('222900011', { ...ENGAGEMENT, receivesThroughChorus: true }), // Finistère
  departement('223500018', { ...BOTH, receivesThroughChorus: true }), // Ille-et-Vilaine
  departement('225600014', { ...EITHER, receivesThroughChorus: true }), // Morbihan
  commune('213502388', { ...SERVICE, receivesThroughChorus: true }, [
    // Rennes: a service closed after a reorganisation stays listed, inactive.
    { code: 'DPB', label: 'Direction du patrimoine bâti (ancienne)', active: false },
    SI,
  ]),
  commune('212900195', { ...EITHER, receivesThroughChorus: true }), // Brest
  commune('212902324', { ...ENGAGEMENT, receivesThroughChorus: false }), // Quimper
  commune('215601212', { ...NONE, receivesThroughChorus: false }), // Lorient
  commune('215602608', { ...SERVICE, receivesThroughChorus: false }), // Vannes
  commune('212202782', { ...NONE, receivesThroughChorus: false }), // Saint-Brieuc
  commune('213502883', { ...EITHER, receivesThroughChorus: false }), // Saint-Malo
  epci('243500139', { ...BOTH, receivesThroughChorus: true }), // Rennes Métropole
  epci('242900314', { ...SERVICE, receivesThroughChorus: true }), // Brest Métropole
  epci('200042174', { ...EITHER, receivesThroughChorus: false }), // Lorient Agglomération
  epci('200067932', { ...NONE, receivesThroughChorus: false }), // Golfe du Morbihan - Vannes Agglomération
  epci('200069409', { ...SERVICE, receivesThroughChorus: false }), // Saint-Brieuc Armor Agglomération
  epci('200068120', { ...ENGAGEMENT, receivesThroughChorus: false }), // Quimper Bretagne Occidentale
  {
    siren: '263500076', // CHU de Rennes: hospitals route by purchasing department and always need an order number.
    ...SERVICE,
    receivesThroughChorus: false,
    services: [
      { code: 'ACHATS', label: 'Direction des achats et de la logistique', engagementNumberRequired: true },
      { code: 'PHARMACIE', label: 'Pharmacie à usage intérieur', engagementNumberRequired: true },
      { code: 'TRAVAUX', label: 'Direction des travaux et du patrimoine' },
      { code: 'DSN', label: 'Direction du numérique', engagementNumberRequired: true },
    ],
  },
];
