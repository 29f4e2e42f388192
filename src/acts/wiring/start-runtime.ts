// The acts transport built at start: the real ministry and IMAP mailbox when ACTES_MINISTRY_URL is set, otherwise
// the demo ministry started in this process, answering into a Maildir under the data directory.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startDemoMinistry } from '../../demo-ministry/index.ts';
import { openImapMailbox } from '../mail/imap-mailbox.ts';
import { deliverToMaildir, openMaildirMailbox } from '../mail/maildir-mailbox.ts';
import type { ActsRuntime } from '../runtime.ts';
import type { ActsSettings } from '../settings.ts';
import { httpsMinistryClient } from '../transmission/ministry-client.ts';

export const DEMO_RETURN_ADDRESS = 'actes@demo.hub.bzh';

export interface StartedActsRuntime {
  runtime: ActsRuntime;
  /** The demo ministry's address when it runs in this process. */
  demoMinistryUrl: string | undefined;
  close(): Promise<void>;
}

export async function startActsRuntime(settings: ActsSettings, dataDir: string): Promise<StartedActsRuntime> {
  const base = { trigram: settings.trigram, application: settings.application, pollSeconds: settings.pollSeconds };
  const transport = settings.transport;
  if (transport) {
    const [cert, key, ca] = await Promise.all([
      readFile(transport.clientCertPath, 'utf8'),
      readFile(transport.clientKeyPath, 'utf8'),
      transport.ministryCaPath ? readFile(transport.ministryCaPath, 'utf8') : Promise.resolve(undefined),
    ]);
    return {
      runtime: {
        settings: base,
        returnAddress: transport.returnAddress,
        ministry: httpsMinistryClient({ url: transport.ministryUrl, cert, key, ca }),
        openMailbox: () => openImapMailbox(transport.mailboxUrl),
      },
      demoMinistryUrl: undefined,
      close: async () => {},
    };
  }
  const maildir = join(dataDir, 'actes-maildir');
  const ministry = await startDemoMinistry({
    deliver: (raw) => deliverToMaildir(maildir, raw, `${Date.now()}.${randomBytes(6).toString('hex')}.ministere-demo`),
    ackDelayMs: 500,
  });
  return {
    runtime: {
      settings: base,
      returnAddress: DEMO_RETURN_ADDRESS,
      ministry: httpsMinistryClient({
        url: ministry.url,
        cert: ministry.clientCert,
        key: ministry.clientKey,
        ca: ministry.ca,
      }),
      openMailbox: () => openMaildirMailbox(maildir),
    },
    demoMinistryUrl: ministry.url,
    close: () => ministry.close(),
  };
}
