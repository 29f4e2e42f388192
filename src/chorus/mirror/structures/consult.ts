// consulterStructure, rechercherServicesStructure, consulterServiceStructure: a structure of the directory with its
// Chorus routing flags (`parametres`) and its services.
import { getStructure, type ServiceInfo, type StructureDetail } from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_GCU, LIBELLE_OK_TRANSVERSES } from '../../domain/api-contract.ts';
import { objectOf, sortCriterion } from '../factures/criteria.ts';
import { cppIdOf, cppIdsOf, hubIdOf } from '../../ids.ts';
import { pageRequest, parametresRetour, slicePage } from '../factures/paging.ts';
import { MirrorRefusal } from '../refusal.ts';

async function structureOf(deps: AppDeps, cppId: unknown): Promise<{ structure: StructureDetail; cppId: number }> {
  const id = await hubIdOf(deps.db, 'structure', cppId);
  const structure = id ? await getStructure(deps.db, id) : null;
  if (!structure) throw new MirrorRefusal(20002, 'La structure est introuvable.');
  return { structure, cppId: cppId as number };
}

export async function consultStructure(deps: AppDeps, body: Record<string, unknown>) {
  const { structure: s, cppId } = await structureOf(deps, body.idStructureCPP);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_GCU,
    informationGenerales: {
      idStructureCPP: cppId,
      identifiantStructure: s.siret ?? s.vatNumber ?? '',
      typeIdentifiantStructure: s.siret ? 'SIRET' : 'UE_HORS_FRANCE',
      libelleStructure: s.name,
      raisonSocialeStructure: s.name,
      structurePriveePublique: s.kind === 'supplier' ? 'PRIVEE' : 'PUBLIQUE',
      numeroTVA: s.vatNumber,
      statut: s.active ? 'ACTIVE' : 'INACTIVE',
    },
    parametres: {
      codeServiceDoitEtreRenseigne: s.chorus.serviceCodeRequired,
      numeroEJDoitEtreRenseigne: s.chorus.engagementNumberRequired,
      gestionNumeroEJOuCodeService: s.chorus.serviceCodeOrEngagementRequired,
      connexionEDI: false,
      recevoirDonneesViaEDI: false,
      statutMiseEnPaiementNestPasRemonte: false,
    },
  };
}

const SERVICE_COLUMNS = ['idService', 'codeService', 'libelleService', 'estActif'] as const;

export async function searchStructureServices(deps: AppDeps, body: Record<string, unknown>) {
  const { structure } = await structureOf(deps, body.idStructure);
  const params = objectOf(body.parametresRechercherServicesStructure);
  const paging = pageRequest(params);
  const sort = sortCriterion(params, 'parametresRechercherServicesStructure', SERVICE_COLUMNS);
  const sorted = [...structure.services];
  if (sort) {
    const key = (s: ServiceInfo) =>
      sort.column === 'libelleService' ? s.label : sort.column === 'estActif' ? String(s.active) : s.code;
    const ids =
      sort.column === 'idService'
        ? await cppIdsOf(
            deps.db,
            'service',
            sorted.map((s) => s.id),
          )
        : undefined;
    sorted.sort(
      (a, b) =>
        (sort.descending ? -1 : 1) *
        (ids ? (ids.get(a.id) ?? 0) - (ids.get(b.id) ?? 0) : key(a).localeCompare(key(b), 'fr')),
    );
  }
  const page = slicePage(sorted, paging);
  const ids = await cppIdsOf(
    deps.db,
    'service',
    page.map((s) => s.id),
  );
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    listeServices: page.map((s) => ({
      idService: ids.get(s.id) ?? 0,
      codeService: s.code,
      libelleService: s.label,
      dateDbtService: null,
      dateFinService: null,
      estActif: s.active,
    })),
    parametresRetour: parametresRetour(paging, structure.services.length),
  };
}

export async function consultStructureService(deps: AppDeps, body: Record<string, unknown>) {
  const { structure } = await structureOf(deps, body.idStructure);
  const serviceId = await hubIdOf(deps.db, 'service', body.idService);
  const service: ServiceInfo | undefined = structure.services.find((s) => s.id === serviceId);
  if (!service) throw new MirrorRefusal(20002, 'Le service est introuvable pour cette structure.');
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    informationsGenerales: { codeService: service.code, nomService: service.label, descriptionService: service.label },
    parametres: {
      dateCreation: null,
      dateDebutValidite: null,
      dateFinValidite: null,
      numeroEngagement: service.engagementNumberRequired,
      miseEnPaiement: false,
      estActif: service.active,
    },
    idService: await cppIdOf(deps.db, 'service', service.id),
  };
}
