// consulterInformationsSIRET (`transverses/v1/consulter/information/siret`, `{siretStructure}`): the legal data of
// an establishment. Chorus reads the INSEE register; the hub answers from its directory (the public structures and
// suppliers it knows), with the fields of GO's InformationsSIRETResponse it has.
import { findStructureBySiret, isValidSiret } from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES } from '../../domain/api-contract.ts';
import { MirrorRefusal } from '../refusal.ts';

export async function siretInformation(deps: AppDeps, body: Record<string, unknown>) {
  const siret = typeof body.siretStructure === 'string' ? body.siretStructure.replace(/\s+/g, '') : '';
  if (!isValidSiret(siret))
    throw new MirrorRefusal(20001, 'Le SIRET (siretStructure) doit compter 14 chiffres avec une clé valide.');
  const found = await findStructureBySiret(deps.db, siret);
  if (!found) throw new MirrorRefusal(20002, `Le SIRET ${siret} est inconnu de l’annuaire de la plateforme.`);
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_TRANSVERSES,
    siret,
    siren: found.siren ?? siret.slice(0, 9),
    raisonSociale: found.name,
    estActif: found.active && found.establishment.active,
    siege: found.establishment.main ? 'OUI' : 'NON',
    nonDiffusibleInsee: false,
  };
}
