// FTP sessions (basic-ftp): the DGFiP gateway takes three SITE commands before an upload; PassTrans over FTPS
// takes them as one `SITE META P_DEST=…;P_APPLI=…;P_MSG=…` on a TLS-protected session (explicit FTPS, AUTH TLS).
import { Client } from 'basic-ftp';
import type { TreasuryEndpoint } from '../settings.ts';
import { transportOf, type Routing, type TreasuryConnection } from './connection-types.ts';

export async function openFtpConnection(endpoint: TreasuryEndpoint): Promise<TreasuryConnection> {
  const url = new URL(endpoint.url);
  const passTrans = transportOf(endpoint) === 'ftps';
  const client = new Client(endpoint.timeoutMs);
  try {
    await client.access({
      host: url.hostname,
      port: url.port ? Number(url.port) : 21,
      user: decodeURIComponent(url.username || 'anonymous'),
      password: decodeURIComponent(url.password || ''),
      secure: passTrans || url.protocol === 'ftps:',
      // A private PassTrans authority is trusted by its certificate given in the settings, never by skipping checks.
      secureOptions: endpoint.caPem ? { ca: endpoint.caPem } : undefined,
    });
  } catch (error) {
    client.close();
    throw error;
  }
  const route = async (routing: Routing) => {
    if (passTrans) {
      await client.send(`SITE META P_DEST=${routing.pDest};P_APPLI=${routing.pAppli};P_MSG=${routing.pMsg}`);
      return;
    }
    await client.send(`SITE P_DEST ${routing.pDest}`);
    await client.send(`SITE P_APPLI ${routing.pAppli}`);
    await client.send(`SITE P_MSG ${routing.pMsg}`);
  };
  return {
    list: async (folder) => (await client.list(folder)).map((f) => ({ name: f.name, size: f.size, isFile: f.isFile })),
    upload: async (body, path, routing) => {
      await route(routing);
      await client.uploadFrom(body, path);
    },
    download: async (path, into) => {
      await client.downloadTo(into, path);
    },
    remove: async (path) => {
      await client.remove(path);
    },
    close: async () => client.close(),
  };
}
