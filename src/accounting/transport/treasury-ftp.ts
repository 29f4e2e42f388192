// The transfers with the treasury (named for FTP, its first transport; any transport of treasury-connection.ts):
// a flow's upload into /entree/ after its routing, the reading of /sortie/, and our PES_ACQUIT_RETOUR.
import type { Readable, Writable } from 'node:stream';
import type { TreasuryEndpoint } from '../settings.ts';
import { remotePath, withTreasury, type RemoteFile, type Routing } from './treasury-connection.ts';

export { withTreasury, type Routing } from './treasury-connection.ts';

export const pMsgOf = (flow: { codCol: string; idPost: string; codBud: string }): string =>
  `PES#${flow.codCol}#${flow.idPost}#${flow.codBud}`;

/**
 * Uploads one file under its wire name, after the routing. When a file of that name and size is already in the
 * upload folder (a previous attempt uploaded it, then its worker died before recording), nothing is sent again:
 * `uploaded` is false.
 */
export async function uploadToTreasury(
  endpoint: TreasuryEndpoint,
  wireName: string,
  size: number,
  routing: Routing,
  open: () => Promise<Readable>,
): Promise<{ uploaded: boolean }> {
  return withTreasury(endpoint, async (connection) => {
    const present = (await connection.list(endpoint.entree)).find((f) => f.name === wireName);
    if (present && present.size === size) return { uploaded: false };
    await connection.upload(await open(), remotePath(endpoint.entree, wireName), routing);
    return { uploaded: true };
  });
}

/** The files waiting in the returns folder (PESALR2_* files there are ours, as S²LOW ignores them). */
export async function listReturns(endpoint: TreasuryEndpoint): Promise<RemoteFile[]> {
  return withTreasury(endpoint, async (connection) =>
    (await connection.list(endpoint.sortie)).filter((f) => f.isFile && !f.name.startsWith('PESALR2_')),
  );
}

export async function downloadReturn(endpoint: TreasuryEndpoint, name: string, into: Writable): Promise<void> {
  await withTreasury(endpoint, (connection) => connection.download(remotePath(endpoint.sortie, name), into));
}

export async function removeReturn(endpoint: TreasuryEndpoint, name: string): Promise<void> {
  await withTreasury(endpoint, (connection) => connection.remove(remotePath(endpoint.sortie, name)));
}

/** Sends a PES_ACQUIT_RETOUR (our acknowledgement of a PES_Retour) into the upload folder. */
export async function uploadAcquitRetour(
  endpoint: TreasuryEndpoint,
  name: string,
  routing: Routing,
  body: Readable,
): Promise<void> {
  await withTreasury(endpoint, (connection) => connection.upload(body, remotePath(endpoint.entree, name), routing));
}
