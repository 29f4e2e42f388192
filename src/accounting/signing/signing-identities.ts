// A structure's signing identity at rest: set by its accountant (the ordonnateur's side in this module), sealed
// under the accounting seal secret and bound to the structure, read back only by the signing activity. Pages and
// the API see the certificate's facts, never the key nor the certificate itself.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { accountingSigningIdentities } from '../../../db/schema/accounting.ts';
import { recordAudit } from '../../platform/audit/index.ts';
import { hasRole, requireActorPresent, structuresWithRole, type Actor } from '../../platform/auth/index.ts';
import { AppError, forbidden } from '../../platform/errors.ts';
import { seal, unseal } from '../../platform/sealing/aead.ts';
import type { VerbCall } from '../../platform/verb.ts';
import { actorRef } from '../../invoices/index.ts';
import type { SigningIdentity } from '../signature/sign-bordereau.ts';
import { accountingSealSecret, type AccountingDeps } from '../settings.ts';
import { factsOf, readSigningIdentity, type SigningIdentityFacts, type UploadedIdentity } from './read-identity.ts';
import { identityFromPkcs12 } from './read-pkcs12.ts';
import { X509Certificate } from 'node:crypto';

type IdentityDeps = Pick<AccountingDeps, 'db' | 'accounting' | 'clock'>;

const boundTo = (structureId: string) => `accounting-signing-identity:${structureId}`;

/** The structure whose identity the actor sets: one where it is accountant (named when it has several). */
export function signingStructureOf(actor: Actor, structureId: string | undefined): string {
  if (structureId) {
    if (!hasRole(actor, 'accountant', structureId))
      throw forbidden('Seul le comptable de la collectivité peut gérer son certificat de signature.');
    return structureId;
  }
  const mine = structuresWithRole(actor, 'accountant');
  if (mine.length === 0)
    throw forbidden('Seul le comptable d’une collectivité peut gérer son certificat de signature.');
  if (mine.length > 1)
    throw new AppError(
      'STRUCTURE_REQUIRED',
      'Vous êtes comptable de plusieurs structures : précisez celle dont vous déposez le certificat (champ « structureId »).',
      400,
    );
  return mine[0] as string;
}

/** PEM certificate and key, or a PKCS#12 file; with the passphrase when encrypted. */
export type SetSigningIdentityInput = (UploadedIdentity | { pkcs12: Buffer; passphrase?: string }) & {
  structureId?: string;
};

export async function setSigningIdentity({
  ctx,
  input,
}: VerbCall<IdentityDeps, SetSigningIdentityInput>): Promise<SigningIdentityFacts & { structureId: string }> {
  const actor = requireActorPresent(ctx.actor);
  const structureId = signingStructureOf(actor, input.structureId);
  const uploaded = 'pkcs12' in input ? await identityFromPkcs12(input.pkcs12, input.passphrase ?? '') : input;
  const { identity, facts } = readSigningIdentity(uploaded, ctx.deps.clock.now());
  const sealed = seal(
    accountingSealSecret(ctx.deps),
    boundTo(structureId),
    Buffer.from(JSON.stringify(identity), 'utf8'),
  );
  const row = { ...facts, sealed, setBy: actorRef(actor).actor, updatedAt: ctx.deps.clock.now() };
  await ctx.deps.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ fingerprintSha256: accountingSigningIdentities.fingerprintSha256 })
      .from(accountingSigningIdentities)
      .where(eq(accountingSigningIdentities.structureId, structureId));
    await tx
      .insert(accountingSigningIdentities)
      .values({ structureId, ...row })
      .onConflictDoUpdate({ target: accountingSigningIdentities.structureId, set: row });
    await recordAudit(tx, {
      actor,
      action: 'accounting.signing_identity_set',
      subject: { type: 'structure', id: structureId },
      structureId,
      before: before ?? null,
      after: { subject: facts.subject, issuer: facts.issuer, fingerprintSha256: facts.fingerprintSha256 },
    });
  });
  return { structureId, ...facts };
}

/** What the pages show of a structure's identity; undefined when none is set. */
export async function signingIdentityFacts(
  db: Pick<Db, 'select'>,
  structureId: string,
): Promise<SigningIdentityFacts | undefined> {
  const [row] = await db
    .select()
    .from(accountingSigningIdentities)
    .where(eq(accountingSigningIdentities.structureId, structureId));
  if (!row) return undefined;
  const { subject, issuer, serialNumber, fingerprintSha256, validFrom, validTo } = row;
  return { subject, issuer, serialNumber, fingerprintSha256, validFrom, validTo };
}

export type OpenedIdentity =
  | { ok: true; identity: SigningIdentity; facts: SigningIdentityFacts }
  | { ok: false; code: 'SIGNING_IDENTITY_MISSING' | 'SIGNING_CERTIFICATE_NOT_VALID'; message: string };

/** The identity to sign with now, unsealed; or why there is none (never set, or the certificate expired). */
export async function openSigningIdentity(deps: IdentityDeps, structureId: string, now: Date): Promise<OpenedIdentity> {
  const [row] = await deps.db
    .select({ sealed: accountingSigningIdentities.sealed })
    .from(accountingSigningIdentities)
    .where(eq(accountingSigningIdentities.structureId, structureId));
  if (!row)
    return {
      ok: false,
      code: 'SIGNING_IDENTITY_MISSING',
      message:
        'Aucun certificat de signature n’est enregistré pour cette collectivité : son comptable doit le déposer sur la page « Certificat de signature » (/flux-comptables/certificat). Rien n’a été transmis.',
    };
  const identity = JSON.parse(
    unseal(accountingSealSecret(deps), boundTo(structureId), row.sealed).toString('utf8'),
  ) as SigningIdentity;
  const facts = factsOf(new X509Certificate(identity.certificatePem));
  if (now < facts.validFrom || now > facts.validTo)
    return {
      ok: false,
      code: 'SIGNING_CERTIFICATE_NOT_VALID',
      message: `Le certificat de signature de la collectivité n’est pas valide aujourd’hui (valide jusqu’au ${facts.validTo.toISOString().slice(0, 10)}) : son comptable doit en déposer un nouveau. Rien n’a été transmis.`,
    };
  return { ok: true, identity, facts };
}
