// The members of the syndicat as a run bills them: every active EPCI of the directory (a member unless the operator
// says otherwise) and every other structure the operator added, with its terms, its main SIRET and its services.
import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { billingMembers, billingProducts } from '../../../db/schema/billing.ts';
import { establishments, services, structures } from '../../../db/schema/directory.ts';
import type { BillableMember } from '../domain/member.ts';
import { DEFAULT_PRODUCT_CODE } from '../domain/products.ts';

export interface BillableMemberRow extends BillableMember {
  /** True when the operator recorded terms for it. */
  hasTerms: boolean;
  /** False for an EPCI the operator marked as not a member. */
  member: boolean;
}

/** Every EPCI and every structure with terms, members or not (the operator's page shows both). */
export async function listMemberRows(db: Db, only?: string[]): Promise<BillableMemberRow[]> {
  const rows = await db
    .select({
      structure: structures,
      terms: billingMembers,
      siret: establishments.siret,
      productLabel: billingProducts.label,
      vatRegime: billingProducts.vatRegime,
    })
    .from(structures)
    .leftJoin(billingMembers, eq(billingMembers.structureId, structures.id))
    .leftJoin(billingProducts, eq(billingProducts.code, billingMembers.productCode))
    .leftJoin(
      establishments,
      and(
        eq(establishments.structureId, structures.id),
        eq(establishments.main, true),
        eq(establishments.active, true),
      ),
    )
    .where(
      and(
        or(and(eq(structures.kind, 'epci'), eq(structures.active, true)), eq(billingMembers.member, true)),
        only ? inArray(structures.id, only) : undefined,
      ),
    )
    .orderBy(structures.searchName);
  const ids = rows.map((r) => r.structure.id);
  const serviceRows =
    ids.length === 0
      ? []
      : await db
          .select({
            structureId: services.structureId,
            code: services.code,
            active: services.active,
            engagementNumberRequired: services.engagementNumberRequired,
          })
          .from(services)
          .where(inArray(services.structureId, ids));
  const [defaultProduct] = await db
    .select()
    .from(billingProducts)
    .where(eq(billingProducts.code, DEFAULT_PRODUCT_CODE));
  return rows.map(({ structure: s, terms, siret, productLabel, vatRegime }) => ({
    structureId: s.id,
    name: s.name,
    kind: s.kind,
    siren: s.siren,
    siret,
    population: s.population,
    joinedOn: terms?.joinedOn ?? null,
    leftOn: terms?.leftOn ?? null,
    ownAmount: terms?.amount ?? null,
    productCode: terms?.productCode ?? DEFAULT_PRODUCT_CODE,
    productLabel: productLabel ?? defaultProduct?.label ?? 'Contribution des membres',
    vatRegime: vatRegime ?? defaultProduct?.vatRegime ?? 'HORS_CHAMP',
    serviceCode: terms?.serviceCode ?? null,
    engagementNumber: terms?.engagementNumber ?? null,
    serviceCodeRequired: s.serviceCodeRequired,
    engagementNumberRequired: s.engagementNumberRequired,
    serviceCodeOrEngagementRequired: s.serviceCodeOrEngagementRequired,
    services: serviceRows.filter((sv) => sv.structureId === s.id),
    paymentDelayDays: s.paymentDelayDays,
    hasTerms: terms !== null,
    member: terms?.member ?? true,
  }));
}

/** The members a run bills (EPCIs not marked otherwise, structures added by the operator). */
export async function billableMembers(db: Db): Promise<BillableMemberRow[]> {
  return (await listMemberRows(db)).filter((m) => m.member);
}
