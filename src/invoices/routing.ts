// Routing of an invoice to its public recipient, as Chorus Pro does: the buyer SIRET (`codeDestinataire`)
// chooses the structure, BT-10 (`codeServiceExecutant`) the service, BT-13 carries the engagement number
// (`numeroEngagement`); the structure's and the service's Chorus flags decide what is mandatory.
import type { Db } from '../../db/client.ts';
import type { DepositRefusalDetails } from '../../db/schema/invoices.ts';
import {
  compactIdentifier,
  findRecipientBySiret,
  isValidSiret,
  type ServiceInfo,
  type StructureDetail,
} from '../directory/index.ts';

export interface RoutingReferences {
  /** Chorus `codeDestinataire`: SIRET of the recipient establishment. */
  buyerSiret: string | null | undefined;
  /** BT-10, Chorus `codeServiceExecutant`. */
  serviceCode: string | null | undefined;
  /** BT-13, Chorus `numeroEngagement` (engagement juridique / bon de commande). */
  engagementNumber: string | null | undefined;
}

export interface InvoiceRoute {
  buyer: {
    id: string;
    name: string;
    kind: StructureDetail['kind'];
    siret: string;
    /** Legal payment delay of the recipient, in days (décret 2013-269). */
    paymentDelayDays: number;
    receivesThroughChorus: boolean;
    /** The recipient applies the 2026 reform's BR-FR rules as blocking (strict profile). */
    strictReformRules: boolean;
  };
  service: { id: string; code: string; label: string } | null;
  /** The service code as the directory spells it, when a service was named. */
  serviceCode: string | null;
  engagementNumber: string | null;
}

export const ROUTING_REFUSAL_CODES = [
  'MISSING_RECIPIENT',
  'UNKNOWN_RECIPIENT',
  'INACTIVE_RECIPIENT',
  'UNKNOWN_SERVICE',
  'INACTIVE_SERVICE',
  'SERVICE_CODE_REQUIRED',
  'ENGAGEMENT_NUMBER_REQUIRED',
  'SERVICE_CODE_OR_ENGAGEMENT_REQUIRED',
] as const;
export type RoutingRefusalCode = (typeof ROUTING_REFUSAL_CODES)[number];

/** The services an invoice to this recipient may name in BT-10: told to the supplier whose service code is wrong. */
export type RecipientServices = NonNullable<DepositRefusalDetails['recipientServices']>;

export type RoutingResult =
  | { outcome: 'routed'; route: InvoiceRoute }
  | { outcome: 'refused'; code: RoutingRefusalCode; message: string; recipientServices?: RecipientServices };

const refuse = (code: RoutingRefusalCode, message: string, recipientServices?: RecipientServices): RoutingResult => ({
  outcome: 'refused',
  code,
  message,
  ...(recipientServices === undefined ? {} : { recipientServices }),
});

function activeServicesOf(
  structure: Pick<StructureDetail, 'id' | 'name' | 'services'>,
  siret: string,
): RecipientServices {
  return {
    buyer: { id: structure.id, name: structure.name, siret },
    services: structure.services
      .filter((s) => s.active)
      .map((s) => ({ code: s.code, label: s.label, engagementNumberRequired: s.engagementNumberRequired }))
      .sort((a, b) => a.code.localeCompare(b.code, 'fr')),
  };
}

/** "la commune de Rennes", "la commune d'Elven", or the structure's own name ("Région Bretagne"). */
export function recipientLabel(structure: Pick<StructureDetail, 'kind' | 'name'>): string {
  if (structure.kind !== 'commune') return structure.name;
  return /^[aeiouyéèêâîôûh]/i.test(structure.name)
    ? `la commune d’${structure.name}`
    : `la commune de ${structure.name}`;
}

const clean = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
};

/**
 * Finds the recipient structure and service of an invoice and checks the Chorus rules.
 * Every refusal names, in French, the reference that is missing or unknown.
 */
export async function routeInvoice(db: Db, references: RoutingReferences): Promise<RoutingResult> {
  const rawSiret = clean(references.buyerSiret);
  const serviceCode = clean(references.serviceCode);
  const engagementNumber = clean(references.engagementNumber);

  if (rawSiret === null) {
    return refuse(
      'MISSING_RECIPIENT',
      'Le SIRET du destinataire public est absent : renseignez le SIRET de la structure destinataire (BT-47, identifiant légal de l’acheteur, schéma 0009), comme le code destinataire de Chorus Pro.',
    );
  }
  const siret = compactIdentifier(rawSiret);
  if (!isValidSiret(siret)) {
    return refuse(
      'UNKNOWN_RECIPIENT',
      `Le SIRET du destinataire "${rawSiret}" n’est pas un SIRET valide (14 chiffres, clé de contrôle).`,
    );
  }
  const structure = await findRecipientBySiret(db, siret);
  if (!structure || structure.kind === 'supplier') {
    return refuse(
      'UNKNOWN_RECIPIENT',
      `Aucune structure publique destinataire ne porte le SIRET ${siret} dans l’annuaire du hub.`,
    );
  }
  const label = recipientLabel(structure);
  const services = () => activeServicesOf(structure, siret);
  if (!structure.active || !structure.establishmentActive) {
    return refuse(
      'INACTIVE_RECIPIENT',
      `Le destinataire ${label} (SIRET ${siret}) n’est plus actif : il ne reçoit plus de factures.`,
    );
  }

  let service: ServiceInfo | undefined;
  if (serviceCode !== null) {
    service = structure.services.find((s) => s.code.toUpperCase() === serviceCode.toUpperCase());
    if (!service) {
      return refuse(
        'UNKNOWN_SERVICE',
        `Le code service (BT-10) "${serviceCode}" n’existe pas pour ${label} (SIRET ${siret}).`,
        services(),
      );
    }
    if (!service.active) {
      return refuse(
        'INACTIVE_SERVICE',
        `Le service "${service.code}" (${service.label}) de ${label} (SIRET ${siret}) n’est plus actif : adressez la facture à un service actif.`,
        services(),
      );
    }
  }

  const flags = structure;
  if (flags.serviceCodeRequired && !service) {
    return refuse(
      'SERVICE_CODE_REQUIRED',
      `${capitalize(label)} (SIRET ${siret}) exige un code service (BT-10, référence acheteur) : il est absent de la facture.`,
      services(),
    );
  }
  if (flags.engagementNumberRequired && engagementNumber === null) {
    return refuse(
      'ENGAGEMENT_NUMBER_REQUIRED',
      `${capitalize(label)} (SIRET ${siret}) exige un numéro d’engagement (BT-13, référence de bon de commande) : il est absent de la facture.`,
    );
  }
  if (service?.engagementNumberRequired && engagementNumber === null) {
    return refuse(
      'ENGAGEMENT_NUMBER_REQUIRED',
      `Le service "${service.code}" (${service.label}) de ${label} (SIRET ${siret}) exige un numéro d’engagement (BT-13, référence de bon de commande) : il est absent de la facture.`,
    );
  }
  if (flags.serviceCodeOrEngagementRequired && !service && engagementNumber === null) {
    return refuse(
      'SERVICE_CODE_OR_ENGAGEMENT_REQUIRED',
      `${capitalize(label)} (SIRET ${siret}) exige au moins un code service (BT-10) ou un numéro d’engagement (BT-13) : la facture n’en porte aucun.`,
      services(),
    );
  }

  return {
    outcome: 'routed',
    route: {
      buyer: {
        id: structure.id,
        name: structure.name,
        kind: structure.kind,
        siret,
        paymentDelayDays: structure.paymentDelayDays,
        receivesThroughChorus: flags.receivesThroughChorus,
        strictReformRules: flags.strictReformRules,
      },
      service: service ? { id: service.id, code: service.code, label: service.label } : null,
      serviceCode: service?.code ?? null,
      engagementNumber,
    },
  };
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
