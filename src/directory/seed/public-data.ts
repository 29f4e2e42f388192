// Reads the Breton part of the official geographic code (COG) and the EPCI list
// shipped by `@etalab/decoupage-administratif`, and shapes it for the seed.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export const BRETAGNE_REGION_CODE = '53';
export const BRETON_DEPARTEMENT_CODES = ['22', '29', '35', '56'] as const;

interface RawCommune {
  code: string;
  nom: string;
  type: string;
  region?: string;
  departement?: string;
  siren?: string;
  population?: number;
}

interface RawEpci {
  code: string;
  nom: string;
  type: string;
  populationMunicipale?: number;
  membres: { code: string }[];
}

export type EpciNatureCode = 'CC' | 'CA' | 'CU' | 'METRO';

export interface CommuneRecord {
  inseeCode: string;
  name: string;
  siren: string;
  departementCode: string;
  population: number | null;
}

export interface EpciRecord {
  siren: string;
  name: string;
  nature: EpciNatureCode;
  population: number | null;
  /** Département of its most populous member commune (Breton or not). */
  departementCode: string;
  /** INSEE codes of its Breton member communes; members outside the région are not part of the directory. */
  bretonMemberCodes: string[];
}

export interface BretonPublicData {
  communes: CommuneRecord[];
  epcis: EpciRecord[];
}

const require = createRequire(import.meta.url);

async function readPackageJson<T>(file: string): Promise<T> {
  const path = require.resolve(`@etalab/decoupage-administratif/data/${file}`);
  return JSON.parse(await readFile(path, 'utf8')) as T;
}

const EPCI_NATURES: Record<string, EpciNatureCode> = { CC: 'CC', CA: 'CA', CU: 'CU', METRO: 'METRO', MET69: 'METRO' };

export async function loadBretonPublicData(): Promise<BretonPublicData> {
  const [rawCommunes, rawEpcis] = await Promise.all([
    readPackageJson<RawCommune[]>('communes.json'),
    readPackageJson<RawEpci[]>('epci.json'),
  ]);
  const current = rawCommunes.filter((c) => c.type === 'commune-actuelle');
  const byCode = new Map(current.map((c) => [c.code, c]));

  const communes: CommuneRecord[] = [];
  for (const c of current) {
    if (c.region !== BRETAGNE_REGION_CODE) continue;
    if (!c.siren || !c.departement)
      throw new Error(`Commune ${c.code} (${c.nom}) has no SIREN or département in the package data`);
    communes.push({
      inseeCode: c.code,
      name: c.nom,
      siren: c.siren,
      departementCode: c.departement,
      population: c.population ?? null,
    });
  }
  const breton = new Set(communes.map((c) => c.inseeCode));

  const epcis: EpciRecord[] = [];
  for (const e of rawEpcis) {
    const bretonMemberCodes = e.membres.map((m) => m.code).filter((code) => breton.has(code));
    if (bretonMemberCodes.length === 0) continue;
    const nature = EPCI_NATURES[e.type];
    if (!nature) throw new Error(`EPCI ${e.code} (${e.nom}) has an unknown type ${e.type}`);
    epcis.push({
      siren: e.code,
      name: e.nom,
      nature,
      population: e.populationMunicipale ?? null,
      departementCode: seatDepartement(e, byCode),
      bretonMemberCodes,
    });
  }
  return { communes, epcis };
}

function seatDepartement(epci: RawEpci, communes: Map<string, RawCommune>): string {
  let best: RawCommune | undefined;
  for (const m of epci.membres) {
    const c = communes.get(m.code);
    if (c && (!best || (c.population ?? 0) > (best.population ?? 0))) best = c;
  }
  if (!best?.departement) throw new Error(`EPCI ${epci.code} (${epci.nom}) has no known member commune`);
  return best.departement;
}
