// The answers mailbox over IMAP (imapflow): unseen messages of the folder, marked \Seen once the hub kept them.
import { ImapFlow } from 'imapflow';
import type { Mailbox, MailboxMessage } from '../runtime.ts';

export async function openImapMailbox(url: string): Promise<Mailbox> {
  const u = new URL(url);
  const client = new ImapFlow({
    host: u.hostname,
    port: Number(u.port || (u.protocol === 'imaps:' ? 993 : 143)),
    secure: u.protocol === 'imaps:',
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    logger: false,
  });
  await client.connect();
  const lock = await client.getMailboxLock(decodeURIComponent(u.pathname.slice(1)) || 'INBOX');
  return {
    async unread(): Promise<MailboxMessage[]> {
      const out: MailboxMessage[] = [];
      for await (const m of client.fetch({ seen: false }, { uid: true, source: true }, { uid: true }))
        if (m.source) out.push({ handle: String(m.uid), raw: m.source });
      return out;
    },
    async markHandled(handle) {
      await client.messageFlagsAdd(handle, ['\\Seen'], { uid: true });
    },
    async close() {
      lock.release();
      await client.logout().catch(() => undefined);
    },
  };
}
