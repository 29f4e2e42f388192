// Where clamd listens, from CLAMD_ADDRESS: a unix socket (`/run/clamav/clamd.ctl`, `unix:/path`) or a TCP
// address (`tcp://127.0.0.1:3310`, `127.0.0.1:3310`). TCP is meant for loopback or a private network: the
// INSTREAM protocol has no authentication and no encryption.
import { AppError } from '../errors.ts';

export type ClamdAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export function parseClamdAddress(text: string): ClamdAddress {
  const value = text.trim();
  if (value.startsWith('unix:')) return { kind: 'unix', path: value.slice('unix:'.length) };
  if (value.startsWith('/')) return { kind: 'unix', path: value };
  const match = /^(?:tcp:\/\/)?(\[[0-9a-f:]+\]|[^:/\s]+):(\d{1,5})$/i.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65535)
    throw new AppError(
      'CONFIGURATION',
      `CLAMD_ADDRESS « ${value} » invalide : un chemin de socket unix (/run/clamav/clamd.ctl) ou hôte:port (127.0.0.1:3310).`,
      500,
    );
  return { kind: 'tcp', host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

export const describeAddress = (address: ClamdAddress): string =>
  address.kind === 'unix' ? address.path : `${address.host}:${address.port}`;
