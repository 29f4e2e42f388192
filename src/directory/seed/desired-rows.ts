// What the directory must contain after seeding, computed from public data and the fixed lists.
// Pure: no database access.
import type { epciNatures, structureKinds } from '../../../db/schema/directory.ts';
import { deriveSiret, frenchVatNumber } from '../identifiers.ts';
import { normalizeForSearch } from '../normalize.ts';
import { DEMO_SUPPLIERS } from './demo-suppliers.ts';
import { legalPaymentDelayDays } from '../domain/payment-delay.ts';
import { BRETON_DEPARTEMENTS, CHU_RENNES, HUB_SYNDICAT, REGION_BRETAGNE } from './known-structures.ts';
import type { BretonPublicData } from './public-data.ts';
import { ROUTING_SPECS, type ServiceSpec } from './service-catalog.ts';

type Kind = (typeof structureKinds)[number];

export interface DesiredStructure {
  kind: Kind;
  name: string;
  searchName: string;
  siren: string;
  vatNumber: string | null;
  inseeCode: string | null;
  departementCode: string | null;
  population: number | null;
  epciNature: (typeof epciNatures)[number] | null;
  serviceCodeRequired: boolean;
  engagementNumberRequired: boolean;
  serviceCodeOrEngagementRequired: boolean;
  receivesThroughChorus: boolean;
  demo: boolean;
  /** Legal payment delay of the kind, written when the structure is created. */
  paymentDelayDays: number;
  /** Main establishment: the real SIRET when known, otherwise derived from the SIREN. */
  siret: string;
  siretDerived: boolean;
  services: readonly ServiceSpec[];
}

export interface DesiredMembership {
  epciSiren: string;
  communeSiren: string;
}

export interface DesiredDirectory {
  structures: DesiredStructure[];
  memberships: DesiredMembership[];
}

const NO_ROUTING = {
  serviceCodeRequired: false,
  engagementNumberRequired: false,
  serviceCodeOrEngagementRequired: false,
  receivesThroughChorus: false,
  services: [] as readonly ServiceSpec[],
};

type Base = Omit<DesiredStructure, 'searchName' | 'paymentDelayDays' | keyof typeof NO_ROUTING>;

function withRouting(base: Base): DesiredStructure {
  const spec = ROUTING_SPECS.find((s) => s.siren === base.siren);
  const routing = spec ?? NO_ROUTING;
  return {
    ...base,
    searchName: normalizeForSearch(base.name),
    paymentDelayDays: legalPaymentDelayDays(base.kind),
    serviceCodeRequired: routing.serviceCodeRequired,
    engagementNumberRequired: routing.engagementNumberRequired,
    serviceCodeOrEngagementRequired: routing.serviceCodeOrEngagementRequired,
    receivesThroughChorus: routing.receivesThroughChorus,
    services: routing.services,
  };
}

const publicBody = { vatNumber: null, epciNature: null, demo: false } as const;

export function desiredDirectory(data: BretonPublicData): DesiredDirectory {
  const populationOf = (departementCode?: string): number =>
    data.communes.reduce(
      (sum, c) => (departementCode && c.departementCode !== departementCode ? sum : sum + (c.population ?? 0)),
      0,
    );

  const structures: DesiredStructure[] = [
    withRouting({
      ...publicBody,
      kind: 'region',
      name: REGION_BRETAGNE.name,
      siren: REGION_BRETAGNE.siren,
      inseeCode: REGION_BRETAGNE.inseeCode,
      departementCode: REGION_BRETAGNE.departementCode,
      population: populationOf(),
      siret: REGION_BRETAGNE.siret,
      siretDerived: false,
    }),
    ...BRETON_DEPARTEMENTS.map((d) =>
      withRouting({
        ...publicBody,
        kind: 'departement',
        name: d.name,
        siren: d.siren,
        inseeCode: d.inseeCode,
        departementCode: d.departementCode,
        population: populationOf(d.departementCode),
        siret: d.siret,
        siretDerived: false,
      }),
    ),
    ...data.epcis.map((e) =>
      withRouting({
        ...publicBody,
        kind: 'epci',
        name: e.name,
        siren: e.siren,
        inseeCode: null,
        departementCode: e.departementCode,
        population: e.population,
        epciNature: e.nature,
        siret: deriveSiret(e.siren),
        siretDerived: true,
      }),
    ),
    ...data.communes.map((c) =>
      withRouting({
        ...publicBody,
        kind: 'commune',
        name: c.name,
        siren: c.siren,
        inseeCode: c.inseeCode,
        departementCode: c.departementCode,
        population: c.population,
        siret: deriveSiret(c.siren),
        siretDerived: true,
      }),
    ),
    withRouting({
      ...publicBody,
      kind: 'syndicat',
      name: HUB_SYNDICAT.name,
      siren: HUB_SYNDICAT.siren,
      inseeCode: null,
      departementCode: HUB_SYNDICAT.departementCode,
      population: null,
      siret: HUB_SYNDICAT.siret,
      siretDerived: false,
    }),
    withRouting({
      ...publicBody,
      kind: 'etablissement_public_sante',
      name: CHU_RENNES.name,
      siren: CHU_RENNES.siren,
      inseeCode: CHU_RENNES.inseeCode,
      departementCode: CHU_RENNES.departementCode,
      population: null,
      siret: deriveSiret(CHU_RENNES.siren),
      siretDerived: true,
    }),
    ...DEMO_SUPPLIERS.map((s) =>
      withRouting({
        ...publicBody,
        kind: 'supplier',
        name: s.name,
        siren: s.siren,
        vatNumber: frenchVatNumber(s.siren),
        inseeCode: null,
        departementCode: s.departementCode,
        population: null,
        demo: true,
        siret: s.siret,
        siretDerived: false,
      }),
    ),
  ];

  const seeded = new Set(structures.map((s) => s.siren));
  const orphan = ROUTING_SPECS.find((spec) => !seeded.has(spec.siren));
  if (orphan) throw new Error(`Services are declared for SIREN ${orphan.siren}, which is not in the directory`);

  const communeSiren = new Map(data.communes.map((c) => [c.inseeCode, c.siren]));
  const memberships = data.epcis.flatMap((e) =>
    e.bretonMemberCodes.map((code) => {
      const siren = communeSiren.get(code);
      if (!siren) throw new Error(`EPCI ${e.siren} lists unknown commune ${code}`);
      return { epciSiren: e.siren, communeSiren: siren };
    }),
  );
  return { structures, memberships };
}
