// telechargerAnnuaireDestinataire: the public recipients of the hub's directory, as a zipped CSV (one line per
// structure and service) with the Chorus routing flags a supplier's software needs before depositing.
import { getStructure, searchStructures, SEARCH_MAX_LIMIT, type StructureKind } from '../../../directory/index.ts';
import type { AppDeps } from '../../../platform/http.ts';
import { LIBELLE_OK_TRANSVERSES } from '../../domain/api-contract.ts';
import { writeZip } from './zip.ts';

const PUBLIC_KINDS: StructureKind[] = ['region', 'departement', 'epci', 'commune', 'syndicat'];
const HEADER =
  'SIRET;RAISON_SOCIALE;CODE_SERVICE;LIBELLE_SERVICE;SERVICE_ACTIF;CODE_SERVICE_OBLIGATOIRE;NUMERO_EJ_OBLIGATOIRE;CODE_SERVICE_OU_EJ;EJ_OBLIGATOIRE_POUR_SERVICE';

const cell = (v: string | boolean | null): string => {
  const text = typeof v === 'boolean' ? (v ? 'OUI' : 'NON') : (v ?? '');
  return /[;"\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export async function recipientDirectory(deps: AppDeps) {
  const lines = [HEADER];
  for (const kind of PUBLIC_KINDS) {
    for (let offset = 0; ; offset += SEARCH_MAX_LIMIT) {
      const page = await searchStructures(deps.db, { kind, limit: SEARCH_MAX_LIMIT, offset });
      const listed = page.items.filter((summary) => summary.active && summary.siret);
      const details = await Promise.all(listed.map((summary) => getStructure(deps.db, summary.id)));
      for (const [n, summary] of listed.entries()) {
        const s = details[n];
        if (!s || !summary.siret) continue;
        const flags = [
          s.chorus.serviceCodeRequired,
          s.chorus.engagementNumberRequired,
          s.chorus.serviceCodeOrEngagementRequired,
        ];
        lines.push([summary.siret, s.name, null, null, null, ...flags, null].map(cell).join(';'));
        for (const service of s.services)
          lines.push(
            [
              summary.siret,
              s.name,
              service.code,
              service.label,
              service.active,
              ...flags,
              service.engagementNumberRequired,
            ]
              .map(cell)
              .join(';'),
          );
      }
      if (offset + SEARCH_MAX_LIMIT >= page.total) break;
    }
  }
  const csv = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  const zip = writeZip([{ name: 'annuaire_destinataires.csv', bytes: csv }], deps.clock.now());
  return { codeRetour: 0, libelle: LIBELLE_OK_TRANSVERSES, fichierResultat: Buffer.from(zip).toString('base64') };
}
