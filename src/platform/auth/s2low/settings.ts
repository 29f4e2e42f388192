import { z } from 'zod';

/** The S²LOW-compatible authentication's settings, read from the environment. */
export interface S2lowAuthSettings {
  /** AES-256 key sealing the per-person S²LOW API passwords (S2LOW_SECRET_KEY, base64 of 32 bytes); without it the nonce scheme is off. */
  secretKey: Buffer | undefined;
  /** How long a nonce of `get-nounce.php` stays usable. */
  nonceTtlMs: number;
}

export const NONCE_TTL_MS = 5 * 60_000;

const keySchema = z
  .string()
  .transform((value) => Buffer.from(value, 'base64'))
  .refine((key) => key.length === 32, 'doit être 32 octets encodés en base64');

export function readS2lowAuthSettings(env: NodeJS.ProcessEnv = process.env): S2lowAuthSettings {
  const raw = env.S2LOW_SECRET_KEY?.trim();
  if (!raw) return { secretKey: undefined, nonceTtlMs: NONCE_TTL_MS };
  const parsed = keySchema.safeParse(raw);
  if (!parsed.success) throw new Error(`Configuration invalide : S2LOW_SECRET_KEY ${parsed.error.issues[0]?.message}`);
  return { secretKey: parsed.data, nonceTtlMs: NONCE_TTL_MS };
}
