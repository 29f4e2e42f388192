// The files the fake treasury writes in /sortie/: PES_ACQUIT (with its ElementACQUIT per bordereau or PJ, errors
// at their place), PES_NonAcquit, and PES_Retour (the comptable's state of each mandate, paid ones with their date).
import { xmlAttr } from '../accounting/domain/xml-text.ts';
import type { AckElement } from './fake-helios-checks.ts';

const ACQUIT_NS = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour/v2';
const RETOUR_NS = 'http://www.minefi.gouv.fr/cp/helios/pes_v2/Rev0/retour';
const V = (name: string, value: string) => `<${name} V="${xmlAttr(value)}"/>`;
const DECL = '<?xml version="1.0" encoding="ISO-8859-1"?>\n';

const enTeteXml = (enTete: Record<string, string>): string =>
  `<EnTetePES>${Object.entries(enTete)
    .map(([k, value]) => V(k, value))
    .join('')}</EnTetePES>`;

const errorsXml = (errors: { code: string; label: string }[]): string =>
  errors.map((e) => `<Erreur>${V('NumAnoAck', e.code)}${V('LibelleAnoAck', e.label)}</Erreur>`).join('');

export function acquitXml(nomFic: string, enTete: Record<string, string>, elements: AckElement[]): string {
  const items = elements
    .map((e) => {
      const target =
        e.idUnique !== undefined
          ? V('IdUnique', e.idUnique)
          : `${V('NumBord', e.numBord ?? '')}${V('ExerciceBord', e.exercice ?? '')}`;
      const pieces = e.pieces
        .map((p) => `<DetailPiece>${V('NumPiece', p.numPiece)}${errorsXml(p.errors)}</DetailPiece>`)
        .join('');
      return `<ElementACQUIT>${V('DomaineAck', e.domaine)}${V('EtatAck', e.etat)}${target}${errorsXml(e.errors)}${pieces}</ElementACQUIT>`;
    })
    .join('');
  return `${DECL}<n:PES_ACQUIT xmlns:n="${ACQUIT_NS}"><Enveloppe><Parametres>${V('Version', '2')}${V('TypFic', 'PESALR2')}${V('NomFic', nomFic)}</Parametres><Emetteur>${V('Sigle', 'HELIOS')}</Emetteur></Enveloppe>${enTeteXml(enTete)}<ACQUIT><EnTeteAcquit>${V('IdVer', '2')}</EnTeteAcquit>${items}</ACQUIT></n:PES_ACQUIT>\n`;
}

export function nonAcquitXml(nomFic: string, code: string, label: string): string {
  return `${DECL}<PES_NonAcquit><Enveloppe><Parametres>${V('Version', '2')}${V('TypFic', 'PESALR2')}${V('NomFic', nomFic)}</Parametres><Emetteur>${V('Sigle', 'HELIOS')}</Emetteur></Enveloppe><NonAcquit>${errorsXml([{ code, label }])}</NonAcquit></PES_NonAcquit>\n`;
}

export interface RetourPiece {
  exer: string;
  idBord: string;
  idPce: string;
  /** YYYY-MM-DD when paid; absent: taken in charge, not paid yet. */
  paidOn?: string;
}

export function retourXml(
  nomFic: string,
  head: { idPost: string; idColl: string; codColl: string; codBud: string; dteStr: string },
  pieces: RetourPiece[],
): string {
  const byBord = new Map<string, RetourPiece[]>();
  for (const p of pieces) byBord.set(`${p.exer}/${p.idBord}`, [...(byBord.get(`${p.exer}/${p.idBord}`) ?? []), p]);
  const bordereaux = [...byBord.values()]
    .map((list) => {
      const first = list[0] as RetourPiece;
      const items = list
        .map(
          (p) =>
            `<Piece><InfoPiece>${V('IdPce', p.idPce)}${V('TypPce', '01')}${V('NatPce', '01')}${V('DtePcePec', head.dteStr)}${V('EtatPce', p.paidOn ? '04' : '01')}${p.paidOn ? V('DtePaiement', p.paidOn) : ''}</InfoPiece></Piece>`,
        )
        .join('');
      return `<Bordereau><BlocBordereau>${V('Exer', first.exer)}${V('IdBord', first.idBord)}${V('TypBord', '01')}</BlocBordereau>${items}</Bordereau>`;
    })
    .join('');
  return `${DECL}<n:PES_Retour xmlns:n="${RETOUR_NS}"><Enveloppe><Parametres>${V('Version', '2')}${V('TypFic', 'PES2R_DEP')}${V('NomFic', nomFic)}</Parametres><Emetteur>${V('Sigle', 'HELIOS')}</Emetteur></Enveloppe><EnTetePES>${V('DteStr', head.dteStr)}${V('IdPost', head.idPost)}${V('IdColl', head.idColl)}${V('CodColl', head.codColl)}${V('CodBud', head.codBud)}</EnTetePES><PES_DepenseRetour><EnTeteDepense>${V('TypRestit', '02')}${V('IdVer', '2')}${V('NatInf', '01')}</EnTeteDepense>${bordereaux}</PES_DepenseRetour></n:PES_Retour>\n`;
}
