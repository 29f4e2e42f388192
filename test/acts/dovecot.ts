// A real IMAP server for the tests: Debian's dovecot-imapd on a free port, one Maildir, one login. The demo
// ministry delivers its answer mails into that Maildir; the hub's IMAP code reads them as in production.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export interface RunningDovecot {
  port: number;
  login: string;
  password: string;
  maildir: string;
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > until) throw new Error(`dovecot did not listen on ${port}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`no ${name} user on this system`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startDovecot(): Promise<RunningDovecot> {
  const root = mkdtempSync(join(tmpdir(), 'hub-dovecot-'));
  const maildir = join(root, 'maildir');
  chmodSync(root, 0o755);
  for (const d of ['run', 'state', 'home', 'maildir/new', 'maildir/cur', 'maildir/tmp'])
    mkdirSync(join(root, d), { recursive: true });
  const port = await freePort();
  const me = userInfo();
  // Dovecot refuses to serve mail as root: under root the mailbox belongs to Debian's `mail` user.
  const mailUser = me.uid === 0 ? systemUser('mail') : { uid: me.uid, gid: me.gid };
  if (me.uid === 0)
    for (const d of ['home', 'maildir', 'maildir/new', 'maildir/cur', 'maildir/tmp'])
      chownSync(join(root, d), mailUser.uid, mailUser.gid);
  const login = 'actes';
  const password = 'boite-actes-test';
  const config = `
protocols = imap
listen = 127.0.0.1
base_dir = ${root}/run
state_dir = ${root}/state
log_path = ${root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:${maildir}
default_internal_user = ${me.uid === 0 ? 'dovecot' : me.username}
default_login_user = ${me.uid === 0 ? 'dovenull' : me.username}
passdb {
  driver = static
  args = password=${password}
}
userdb {
  driver = static
  args = uid=${mailUser.uid} gid=${mailUser.gid} home=${root}/home
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service imap-login {
  chroot =
}
`;
  const conf = join(root, 'dovecot.conf');
  writeFileSync(conf, config);
  const child: ChildProcess = spawn('/usr/sbin/dovecot', ['-F', '-c', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d) => (stderr += String(d)));
  try {
    await waitForPort(port, 15_000);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}: ${stderr}`, { cause: error });
  }
  return {
    port,
    login,
    password,
    maildir,
    url: `imap://${login}:${password}@127.0.0.1:${port}/INBOX`,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (!process.env.KEEP_DOVECOT) rmSync(root, { recursive: true, force: true });
    },
  };
}
