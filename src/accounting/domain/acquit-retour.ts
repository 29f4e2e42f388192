// PES_ACQUIT_RETOUR: the collectivity's acknowledgement of a PES_Retour, posted back to the treasury's /entree/.
import { PES_ACQUIT_RETOUR_NS } from './codes.ts';
import { leafV } from './xml-text.ts';

export function acquitRetourXml(retour: {
  nomFic: string;
  remoteName: string;
  idPost: string;
  idColl: string;
  codColl: string;
  codBud: string;
  /** YYYY-MM-DD, Paris. */
  day: string;
}): string {
  return (
    '<?xml version="1.0" encoding="ISO-8859-1"?>\n' +
    `<n:PES_ACQUIT_RETOUR xmlns:n="${PES_ACQUIT_RETOUR_NS}"><Enveloppe><Parametres>${leafV('Version', '2')}${leafV('TypFic', 'PES2R_DEP')}${leafV('NomFic', retour.nomFic)}</Parametres></Enveloppe>` +
    `<EnTetePES>${leafV('DteStr', retour.day)}${leafV('IdPost', retour.idPost)}${leafV('IdColl', retour.idColl)}${leafV('CodColl', retour.codColl)}${leafV('CodBud', retour.codBud)}</EnTetePES>` +
    `<ACQUIT_RETOUR><EnTeteAcquit_Retour>${leafV('IdVer', '2')}</EnTeteAcquit_Retour><ElementACQUIT_RETOUR>${leafV('DomaineAckRetour', '13')}${leafV('NomFichierRetour', retour.remoteName)}${leafV('TypRestit', '02')}${leafV('DateAcquit', retour.day)}</ElementACQUIT_RETOUR></ACQUIT_RETOUR></n:PES_ACQUIT_RETOUR>\n`
  );
}

/** The name our acknowledgement of a return travels under. */
export const acquitRetourName = (remoteName: string): string =>
  `PES_ACQUIT_RETOUR_${remoteName.replace(/\.xml$/i, '')}.xml`;
