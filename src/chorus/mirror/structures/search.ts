// rechercherStructure: structures of the hub's directory, as Chorus lists them. Criteria (COMM search-structure, OCA,
// Pastell): `structure.identifiantStructure` (a SIRET finds that establishment; a SIREN or a name searches),
// `typeIdentifiantStructure`, `raisonSocialeStructure`, `statutStructure`, `restreindreStructuresPrivees`, and the
// pagination block `parametres` with `triColonne` / `triSens`.
import {
  findStructureBySiret,
  searchStructures,
  SEARCH_MAX_LIMIT,
  type StructureSummary,
} from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES, type ParametresRetour, type Retour } from '../../domain/api-contract.ts';
import { cppIdsOf } from '../../ids.ts';
import { objectOf, sortCriterion, textCriterion } from '../factures/criteria.ts';
import { pageRequest, parametresRetour, slicePage } from '../factures/paging.ts';
import { noResult } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';

export interface StructureListItem {
  idStructureCPP: number;
  identifiantStructure: string;
  designationStructure: string;
  typeIdentifiantStructure: string;
  statut: string;
}

const COLUMNS = [
  'idStructureCPP',
  'identifiantStructure',
  'designationStructure',
  'typeIdentifiantStructure',
  'statut',
] as const satisfies readonly (keyof StructureListItem)[];

const SIRET = /^\d{14}$/;
const ACTIVE = ['ACTIF', 'ACTIVE'];
const INACTIVE = ['INACTIF', 'INACTIVE'];

export async function searchChorusStructures(
  deps: AppDeps,
  session: MirrorSession,
  body: Record<string, unknown>,
): Promise<Retour & { listeStructures: StructureListItem[]; parametresRetour: ParametresRetour }> {
  const criteria = objectOf(body.structure);
  const identifier = textCriterion(criteria, 'identifiantStructure')?.replace(/\s+/g, '');
  const name = textCriterion(criteria, 'raisonSocialeStructure') ?? textCriterion(criteria, 'libelleStructure');
  const type = textCriterion(criteria, 'typeIdentifiantStructure');
  const status = textCriterion(criteria, 'statutStructure');
  const params = objectOf(body.parametres);
  const paging = pageRequest(params);
  const sort = sortCriterion(params, 'parametres', COLUMNS);
  // Unset, "" (Pastell) or true: public structures and the caller's own; false: private ones too (the Chorus rule
  // Pastell quotes in CPPWrapper::getIdentifiantStructureCPPByIdentifiantStructure).
  const publicOnly = body.restreindreStructuresPrivees !== false && body.restreindreStructuresPrivees !== 'false';

  let matches: StructureSummary[];
  if (identifier !== undefined && SIRET.test(identifier)) {
    const found = await findStructureBySiret(deps.db, identifier);
    matches = found ? [{ ...found, siret: found.establishment.siret }] : [];
  } else {
    matches = [];
    const q = identifier ?? name;
    for (let offset = 0; ; offset += SEARCH_MAX_LIMIT) {
      const page = await searchStructures(deps.db, { q, limit: SEARCH_MAX_LIMIT, offset });
      matches.push(...page.items);
      if (offset + SEARCH_MAX_LIMIT >= page.total) break;
    }
  }
  const normalized = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  const items = matches
    .filter((s) => s.siret ?? s.vatNumber)
    .filter((s) => !(publicOnly && s.kind === 'supplier' && s.id !== session.structureId))
    .filter((s) => type === undefined || (s.siret ? 'SIRET' : 'UE_HORS_FRANCE') === type)
    .filter((s) => status === undefined || (s.active ? ACTIVE : INACTIVE).includes(status.toUpperCase()))
    .filter((s) => name === undefined || identifier === undefined || normalized(s.name).includes(normalized(name)));
  if (items.length === 0) throw noResult();
  const ids = await cppIdsOf(
    deps.db,
    'structure',
    items.map((s) => s.id),
  );
  const rows: StructureListItem[] = items.map((s) => ({
    idStructureCPP: ids.get(s.id) ?? 0,
    identifiantStructure: s.siret ?? s.vatNumber ?? '',
    designationStructure: s.name,
    typeIdentifiantStructure: s.siret ? 'SIRET' : 'UE_HORS_FRANCE',
    statut: s.active ? 'ACTIVE' : 'INACTIVE',
  }));
  if (sort) {
    const sign = sort.descending ? -1 : 1;
    rows.sort((a, b) => {
      const x = a[sort.column as keyof StructureListItem];
      const y = b[sort.column as keyof StructureListItem];
      return sign * (typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'fr'));
    });
  }
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeStructures: slicePage(rows, paging),
    parametresRetour: parametresRetour(paging, rows.length),
  };
}
