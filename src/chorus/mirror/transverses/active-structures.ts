// recupererStructuresActivesFournisseur / Destinataire: the structures the technical account acts for, on that side.
import { getStructure } from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES } from '../../domain/api-contract.ts';
import { cppIdOf } from '../../ids.ts';
import type { MirrorSession } from '../session.ts';

export async function activeStructures(deps: AppDeps, session: MirrorSession, side: 'fournisseur' | 'destinataire') {
  const wanted = side === 'fournisseur' ? 'supplier' : 'accountant';
  const structure = session.role === wanted ? await getStructure(deps.db, session.structureId) : null;
  const listeStructures = structure?.active
    ? [
        {
          idStructureCPP: await cppIdOf(deps.db, 'structure', structure.id),
          identifiant: structure.siret ?? structure.vatNumber ?? '',
          designationStructure: structure.name,
        },
      ]
    : [];
  return { codeRetour: 0, libelle: LIBELLE_OK_TRANSVERSES, listeStructures };
}
