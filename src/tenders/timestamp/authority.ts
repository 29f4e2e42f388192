// The hub's time-stamping authority as stored: created on first use (one row, whoever inserts first wins), its
// signing key sealed under the seal secret, kept in memory once loaded.
import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { tenderTimeStampAuthority } from '../../../db/schema/tenders.ts';
import { seal, unseal } from '../sealing/aead.ts';
import {
  certificateFromPem,
  certificatePem,
  createAuthority,
  exportPrivateKey,
  importPrivateKey,
} from './certificates.ts';
import { timeStampResponse, type Signer } from './token.ts';

const AUTHORITY_ID = 'hub';
const BOUND_TO = 'tender-time-stamp-authority';

export interface TimeStampAuthority {
  /** The certificate chain a verifier trusts (`-CAfile`): the signing certificate, then the root. */
  chainPem: string;
  stamp(data: Uint8Array, at: Date): Promise<Buffer>;
}

const loaded = new Map<string, Promise<TimeStampAuthority>>();

export function timeStampAuthority(db: Db, secret: Buffer, now: Date): Promise<TimeStampAuthority> {
  const key = secret.toString('base64');
  let authority = loaded.get(key);
  if (!authority) {
    authority = load(db, secret, now);
    authority.catch(() => loaded.delete(key));
    loaded.set(key, authority);
  }
  return authority;
}

async function load(db: Db, secret: Buffer, now: Date): Promise<TimeStampAuthority> {
  let [row] = await db.select().from(tenderTimeStampAuthority).where(eq(tenderTimeStampAuthority.id, AUTHORITY_ID));
  if (!row) {
    const created = await createAuthority(new Date(now.getTime() - 60_000));
    await db
      .insert(tenderTimeStampAuthority)
      .values({
        id: AUTHORITY_ID,
        rootCertificatePem: certificatePem(created.root),
        certificatePem: certificatePem(created.signer.certificate),
        sealedPrivateKey: seal(secret, BOUND_TO, await exportPrivateKey(created.signer.privateKey)),
      })
      .onConflictDoNothing();
    [row] = await db.select().from(tenderTimeStampAuthority).where(eq(tenderTimeStampAuthority.id, AUTHORITY_ID));
  }
  if (!row) throw new Error('time-stamping authority not stored');
  const signer: Signer = {
    certificate: certificateFromPem(row.certificatePem),
    privateKey: await importPrivateKey(unseal(secret, BOUND_TO, row.sealedPrivateKey)),
  };
  return {
    chainPem: row.certificatePem + row.rootCertificatePem,
    stamp: (data, at) => timeStampResponse(signer, data, at),
  };
}
