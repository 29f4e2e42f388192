// The supplier corrects the recipient of an invoice sent back for a routing error (A_RECYCLER):
// the new references go through the same routing rules as a deposit.
import { ApplicationFailure } from '@temporalio/common';
import { routeInvoice } from '../routing.ts';
import type { NewRecipient, LifecycleDeps } from './record-transition.ts';

export interface RecipientReferences {
  buyerSiret: string;
  serviceCode?: string;
  engagementNumber?: string;
}

/**
 * The routed recipient with its legal delay, or a non-retryable failure of type ROUTING_REFUSED carrying the
 * French reason. (`paymentDelayDays` is absent from results recorded before it was added.)
 */
export async function resolveRecipient(
  deps: LifecycleDeps,
  references: RecipientReferences,
): Promise<NewRecipient & { paymentDelayDays?: number }> {
  const result = await routeInvoice(deps.db, {
    buyerSiret: references.buyerSiret,
    serviceCode: references.serviceCode ?? null,
    engagementNumber: references.engagementNumber ?? null,
  });
  if (result.outcome === 'refused') {
    throw ApplicationFailure.create({
      type: 'ROUTING_REFUSED',
      message: result.message,
      nonRetryable: true,
      details: [result.code],
    });
  }
  const { route } = result;
  return {
    buyerId: route.buyer.id,
    buyerSiret: route.buyer.siret,
    serviceId: route.service?.id ?? null,
    serviceCode: route.serviceCode,
    engagementNumber: route.engagementNumber,
    paymentDelayDays: route.buyer.paymentDelayDays,
  };
}
