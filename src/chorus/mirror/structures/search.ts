// rechercherStructure: structures of the hub's directory by SIRET/SIREN or name, as Chorus lists them.
import { searchStructures } from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import {
  CODE_AUCUN_RESULTAT,
  LIBELLE_AUCUN_RESULTAT,
  LIBELLE_OK_TRANSVERSES,
  type Pagination,
  type ParametresRetour,
  type Retour,
} from '../../domain/api-contract.ts';
import { cppIdsOf } from '../../ids.ts';
import { pageRequest, parametresRetour } from '../factures/paging.ts';
import { MirrorRefusal } from '../refusal.ts';

export interface StructureListItem {
  idStructureCPP: number;
  identifiantStructure: string;
  designationStructure: string;
  typeIdentifiantStructure: string;
  statut: string;
}

export async function searchChorusStructures(
  deps: AppDeps,
  body: Record<string, unknown>,
): Promise<Retour & { listeStructures: StructureListItem[]; parametresRetour: ParametresRetour }> {
  const criteria = (body.structure ?? {}) as Record<string, unknown>;
  const identifier = typeof criteria.identifiantStructure === 'string' ? criteria.identifiantStructure.trim() : '';
  const name = typeof criteria.raisonSocialeStructure === 'string' ? criteria.raisonSocialeStructure.trim() : '';
  const paging = pageRequest(body.parametres as Pagination | undefined);
  const publicOnly = body.restreindreStructuresPrivees === true;
  const result = await searchStructures(deps.db, {
    q: identifier || name || undefined,
    limit: paging.size,
    offset: (paging.page - 1) * paging.size,
  });
  const items = result.items.filter((s) => !(publicOnly && s.kind === 'supplier') && (s.siret ?? s.vatNumber));
  if (items.length === 0) throw new MirrorRefusal(CODE_AUCUN_RESULTAT, LIBELLE_AUCUN_RESULTAT, 200);
  const ids = await cppIdsOf(
    deps.db,
    'structure',
    items.map((s) => s.id),
  );
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeStructures: items.map((s) => ({
      idStructureCPP: ids.get(s.id) ?? 0,
      identifiantStructure: s.siret ?? s.vatNumber ?? '',
      designationStructure: s.name,
      typeIdentifiantStructure: s.siret ? 'SIRET' : 'UE_HORS_FRANCE',
      statut: s.active ? 'ACTIVE' : 'INACTIVE',
    })),
    parametresRetour: parametresRetour(paging, result.total),
  };
}
