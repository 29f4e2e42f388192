// Shared column selections and row mappers of the directory queries.
import { and, eq } from 'drizzle-orm';
import { establishments, services, structures } from '../../db/schema/directory.ts';

export const summaryColumns = {
  id: structures.id,
  kind: structures.kind,
  name: structures.name,
  siren: structures.siren,
  siret: establishments.siret,
  vatNumber: structures.vatNumber,
  inseeCode: structures.inseeCode,
  departementCode: structures.departementCode,
  population: structures.population,
  epciNature: structures.epciNature,
  demo: structures.demo,
  active: structures.active,
};

/** Join condition attaching the main establishment (its SIRET) to a structure row. */
export const mainEstablishmentJoin = and(eq(establishments.structureId, structures.id), eq(establishments.main, true));

export const serviceColumns = {
  id: services.id,
  code: services.code,
  label: services.label,
  active: services.active,
  engagementNumberRequired: services.engagementNumberRequired,
};

export const establishmentColumns = {
  id: establishments.id,
  siret: establishments.siret,
  main: establishments.main,
  derived: establishments.derived,
  label: establishments.label,
  active: establishments.active,
};
