// The acts module's settings, from the environment. Without ACTES_MINISTRY_URL the hub talks to the demo ministry
// it starts itself (src/demo-ministry), which acknowledges within seconds.
import { z } from 'zod';

export interface ActsTransportSettings {
  /** HTTPS endpoint of the ministry that takes the archives. */
  ministryUrl: string;
  /** Paths of the PEM files: the hub's client certificate and key (mutual TLS), the ministry's CA certificate. */
  clientCertPath: string;
  clientKeyPath: string;
  ministryCaPath: string | undefined;
  /** The answers mailbox: `imaps://login:password@host:993/INBOX` (or `imap://` on a trusted network). */
  mailboxUrl: string;
  /** The AdressesRetour of every envelope: the mailbox's address. */
  returnAddress: string;
}

export interface ActsSettings {
  /** The operator's trigram, first token of every archive name. */
  trigram: string;
  /** The application quadrigram: EACT in production. */
  application: string;
  /** Seconds between two readings of the answers mailbox. */
  pollSeconds: number;
  transport: ActsTransportSettings | undefined;
}

const schema = z.object({
  ACTES_TRIGRAM: z
    .string()
    .regex(/^[A-Z]{3}$/, 'doit être trois lettres majuscules')
    .default('HUB'),
  ACTES_APPLICATION: z
    .string()
    .regex(/^[A-Z]{4}$/, 'doit être quatre lettres majuscules')
    .default('EACT'),
  ACTES_POLL_SECONDS: z.string().regex(/^\d+$/, 'doit être un nombre de secondes').transform(Number).default(30),
  ACTES_MINISTRY_URL: z.url({ protocol: /^https$/, error: 'doit être une adresse https://' }).optional(),
  ACTES_CLIENT_CERT: z.string().optional(),
  ACTES_CLIENT_KEY: z.string().optional(),
  ACTES_MINISTRY_CA: z.string().optional(),
  ACTES_MAILBOX_URL: z
    .string()
    .regex(/^imaps?:\/\//, 'doit être une adresse imap:// ou imaps://')
    .optional(),
  ACTES_RETURN_ADDRESS: z.email({ error: 'doit être une adresse électronique' }).optional(),
});

export function readActsSettings(env: NodeJS.ProcessEnv = process.env): ActsSettings {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Configuration invalide : ${String(issue.path[0])} ${issue.message}`);
  }
  const s = parsed.data;
  const base = { trigram: s.ACTES_TRIGRAM, application: s.ACTES_APPLICATION, pollSeconds: s.ACTES_POLL_SECONDS };
  if (!s.ACTES_MINISTRY_URL) return { ...base, transport: undefined };
  for (const name of ['ACTES_CLIENT_CERT', 'ACTES_CLIENT_KEY', 'ACTES_MAILBOX_URL', 'ACTES_RETURN_ADDRESS'] as const)
    if (!s[name]) throw new Error(`Configuration invalide : ${name} est obligatoire avec ACTES_MINISTRY_URL`);
  return {
    ...base,
    transport: {
      ministryUrl: s.ACTES_MINISTRY_URL,
      clientCertPath: s.ACTES_CLIENT_CERT!,
      clientKeyPath: s.ACTES_CLIENT_KEY!,
      ministryCaPath: s.ACTES_MINISTRY_CA,
      mailboxUrl: s.ACTES_MAILBOX_URL!,
      returnAddress: s.ACTES_RETURN_ADDRESS!,
    },
  };
}
