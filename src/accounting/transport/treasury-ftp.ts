// The FTP conversation with the DGFiP gateway (basic-ftp): the routing commands SITE P_DEST, P_APPLI and P_MSG
// before each upload into /entree/, and the reading of /sortie/ for acknowledgements and returns.
import type { Readable, Writable } from 'node:stream';
import { Client, type FileInfo } from 'basic-ftp';
import type { TreasuryEndpoint } from '../settings.ts';

export interface Routing {
  pDest: string;
  pAppli: string;
  /** PES#{CodCol}#{IdPost}#{CodBud}, as S²LOW writes it. */
  pMsg: string;
}

export const pMsgOf = (flow: { codCol: string; idPost: string; codBud: string }): string =>
  `PES#${flow.codCol}#${flow.idPost}#${flow.codBud}`;

export async function withTreasury<T>(endpoint: TreasuryEndpoint, run: (client: Client) => Promise<T>): Promise<T> {
  const url = new URL(endpoint.url);
  const client = new Client(endpoint.timeoutMs);
  try {
    await client.access({
      host: url.hostname,
      port: url.port ? Number(url.port) : 21,
      user: decodeURIComponent(url.username || 'anonymous'),
      password: decodeURIComponent(url.password || ''),
      secure: url.protocol === 'ftps:',
    });
    return await run(client);
  } finally {
    client.close();
  }
}

const join = (folder: string, name: string): string => `${folder.endsWith('/') ? folder : `${folder}/`}${name}`;

/**
 * Uploads one file under its wire name, after the routing commands. When a file of that name and size is already
 * in the upload folder (a previous attempt uploaded it, then its worker died before recording), nothing is sent
 * again: `uploaded` is false.
 */
export async function uploadToTreasury(
  endpoint: TreasuryEndpoint,
  wireName: string,
  size: number,
  routing: Routing,
  open: () => Promise<Readable>,
): Promise<{ uploaded: boolean }> {
  return withTreasury(endpoint, async (client) => {
    const present = (await client.list(endpoint.entree)).find((f) => f.name === wireName);
    if (present && present.size === size) return { uploaded: false };
    await client.send(`SITE P_DEST ${routing.pDest}`);
    await client.send(`SITE P_APPLI ${routing.pAppli}`);
    await client.send(`SITE P_MSG ${routing.pMsg}`);
    await client.uploadFrom(await open(), join(endpoint.entree, wireName));
    return { uploaded: true };
  });
}

/** The files waiting in the returns folder (PESALR2_* files there are ours, as S²LOW ignores them). */
export async function listReturns(endpoint: TreasuryEndpoint): Promise<FileInfo[]> {
  return withTreasury(endpoint, async (client) =>
    (await client.list(endpoint.sortie)).filter((f) => f.isFile && !f.name.startsWith('PESALR2_')),
  );
}

export async function downloadReturn(endpoint: TreasuryEndpoint, name: string, into: Writable): Promise<void> {
  await withTreasury(endpoint, async (client) => {
    await client.downloadTo(into, join(endpoint.sortie, name));
  });
}

/** Sends a PES_ACQUIT_RETOUR (our acknowledgement of a PES_Retour) into the upload folder. */
export async function uploadAcquitRetour(
  endpoint: TreasuryEndpoint,
  name: string,
  routing: Routing,
  body: Readable,
): Promise<void> {
  await withTreasury(endpoint, async (client) => {
    await client.send(`SITE P_DEST ${routing.pDest}`);
    await client.send(`SITE P_APPLI ${routing.pAppli}`);
    await client.send(`SITE P_MSG ${routing.pMsg}`);
    await client.uploadFrom(body, join(endpoint.entree, name));
  });
}
