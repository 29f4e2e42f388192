// A member as a run sees it: the directory's facts (population, SIRET, Chorus routing flags, services) and the
// operator's terms (joining and leaving dates, an amount of its own, the product, the invoice references).
import type { CalendarDate } from '../../platform/calendar/index.ts';
import type { VatRegime } from './vat.ts';

export interface MemberService {
  code: string;
  active: boolean;
  engagementNumberRequired: boolean;
}

export interface BillableMember {
  structureId: string;
  name: string;
  kind: string;
  siren: string | null;
  /** Main establishment: the invoice's recipient (BT-47, Chorus `codeDestinataire`). */
  siret: string | null;
  /** Population at 1 January from the directory's official data. */
  population: number | null;
  joinedOn: CalendarDate | null;
  leftOn: CalendarDate | null;
  /** An amount of its own in place of the grid's (decimal text). */
  ownAmount: string | null;
  productCode: string;
  productLabel: string;
  vatRegime: VatRegime;
  serviceCode: string | null;
  engagementNumber: string | null;
  serviceCodeRequired: boolean;
  engagementNumberRequired: boolean;
  serviceCodeOrEngagementRequired: boolean;
  services: MemberService[];
  paymentDelayDays: number;
}

/** The references the member's directory entry requires that its terms lack, as French sentences. */
export function missingReferences(member: BillableMember): string[] {
  const problems: string[] = [];
  const code = member.serviceCode?.trim() ?? '';
  const engagement = member.engagementNumber?.trim() ?? '';
  const service = member.services.find((s) => s.code === code && s.active);
  if (code !== '' && !service)
    problems.push(`le code service « ${code} » n’est pas un service actif de ${member.name} dans l’annuaire`);
  if (code === '' && member.serviceCodeRequired)
    problems.push(`${member.name} exige un code service (Chorus Pro) : renseignez-le dans ses conditions de membre`);
  if (engagement === '' && (member.engagementNumberRequired || service?.engagementNumberRequired))
    problems.push(
      `${service?.engagementNumberRequired ? `le service ${service.code} de ${member.name}` : member.name} exige un numéro d’engagement : renseignez-le dans ses conditions de membre`,
    );
  if (code === '' && engagement === '' && member.serviceCodeOrEngagementRequired)
    problems.push(`${member.name} exige un code service ou un numéro d’engagement`);
  return problems;
}
