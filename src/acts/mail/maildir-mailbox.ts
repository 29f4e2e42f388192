// The answers mailbox as a Maildir folder, for the demo without a mail server: the demo ministry delivers into
// `new/`, a handled message moves to `cur/` with the Seen flag, as an IMAP server would do it.
import { mkdir, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Mailbox } from '../runtime.ts';

export async function openMaildirMailbox(root: string): Promise<Mailbox> {
  for (const d of ['new', 'cur', 'tmp']) await mkdir(join(root, d), { recursive: true });
  return {
    async unread() {
      const names = (await readdir(join(root, 'new'))).sort();
      return Promise.all(names.map(async (name) => ({ handle: name, raw: await readFile(join(root, 'new', name)) })));
    },
    async markHandled(handle) {
      await rename(join(root, 'new', handle), join(root, 'cur', `${handle}:2,S`)).catch(() => undefined);
    },
    async close() {},
  };
}

/** Delivers a raw message the way an MTA does: written in `tmp/`, then renamed into `new/`. */
export async function deliverToMaildir(root: string, raw: Buffer, unique: string): Promise<void> {
  for (const d of ['new', 'cur', 'tmp']) await mkdir(join(root, d), { recursive: true });
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(root, 'tmp', unique), raw);
  await rename(join(root, 'tmp', unique), join(root, 'new', unique));
}
