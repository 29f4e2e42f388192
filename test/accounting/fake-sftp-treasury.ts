// A fake PassTrans gateway over real SFTP: an in-process ssh2 server with password login, serving a folder that
// holds /entree/ and /sortie/ (open, read, write, close, stat, directory listing, remove, realpath). It counts the
// uploads per file name, so a test sees a file sent twice.
import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readSync,
  readdirSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join, normalize } from 'node:path';
import ssh2 from 'ssh2';

const { Server, utils } = ssh2;
const { OPEN_MODE, STATUS_CODE } = utils.sftp;

interface OpenFile {
  fd?: number;
  path: string;
  /** For a directory handle: the names still to list. */
  entries?: string[];
  wrote: boolean;
}

export class FakeSftpTreasury {
  /** Completed uploads per file name. */
  readonly stores = new Map<string, number>();
  readonly hostKeyFingerprint: string;
  private port = 0;

  private constructor(
    readonly root: string,
    private readonly server: InstanceType<typeof Server>,
    fingerprint: string,
  ) {
    this.hostKeyFingerprint = fingerprint;
  }

  static async start(options: { user?: string; password?: string } = {}): Promise<FakeSftpTreasury> {
    const root = await mkdtemp(join(tmpdir(), 'fake-sftp-'));
    mkdirSync(join(root, 'entree'));
    mkdirSync(join(root, 'sortie'));
    const keys = utils.generateKeyPairSync('ed25519');
    const parsed = utils.parseKey(keys.private);
    if (parsed instanceof Error) throw parsed;
    const { createHash } = await import('node:crypto');
    const fingerprint = createHash('sha256').update(parsed.getPublicSSH()).digest('base64').replace(/=+$/, '');
    const user = options.user ?? 'hub';
    const password = options.password ?? 'tresor';
    // The connection handler runs after the fake exists; it reaches it through this.
    const holder: { fake?: FakeSftpTreasury } = {};
    const server = new Server({ hostKeys: [keys.private] }, (client) => {
      client.on('authentication', (ctx) => {
        if (ctx.method === 'password' && ctx.username === user && ctx.password === password) ctx.accept();
        else ctx.reject(['password']);
      });
      client.on('ready', () => {
        client.on('session', (accept) => {
          accept().on('sftp', (acceptSftp) => holder.fake!.serve(acceptSftp()));
        });
      });
      client.on('error', () => undefined);
    });
    const fake = new FakeSftpTreasury(root, server, fingerprint);
    holder.fake = fake;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.port = (server.address() as AddressInfo).port;
    return fake;
  }

  url(user = 'hub', password = 'tresor'): string {
    return `sftp://${user}:${encodeURIComponent(password)}@127.0.0.1:${this.port}`;
  }

  get entreeDir(): string {
    return join(this.root, 'entree');
  }

  get sortieDir(): string {
    return join(this.root, 'sortie');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** A path of the client, kept inside the root. */
  private local(path: string): string {
    return join(this.root, normalize(`/${path}`));
  }

  private serve(sftp: ssh2.SFTPWrapper): void {
    const handles = new Map<number, OpenFile>();
    let next = 0;
    const handleOf = (buffer: Buffer) => handles.get(buffer.readUInt32BE(0));
    const newHandle = (file: OpenFile) => {
      const id = next++;
      handles.set(id, file);
      const buffer = Buffer.alloc(4);
      buffer.writeUInt32BE(id);
      return buffer;
    };
    const attrsOf = (path: string) => {
      const s = statSync(path);
      return {
        mode: s.mode,
        uid: s.uid,
        gid: s.gid,
        size: s.size,
        atime: Math.floor(s.atimeMs / 1000),
        mtime: Math.floor(s.mtimeMs / 1000),
      };
    };
    const guarded = (reqId: number, run: () => void) => {
      try {
        run();
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        sftp.status(reqId, code === 'ENOENT' ? STATUS_CODE.NO_SUCH_FILE : STATUS_CODE.FAILURE);
      }
    };
    sftp.on('REALPATH', (reqId, path) =>
      sftp.name(reqId, [{ filename: normalize(`/${path}`), longname: normalize(`/${path}`), attrs: {} as never }]),
    );
    sftp.on('STAT', (reqId, path) => guarded(reqId, () => sftp.attrs(reqId, attrsOf(this.local(path)))));
    sftp.on('LSTAT', (reqId, path) => guarded(reqId, () => sftp.attrs(reqId, attrsOf(this.local(path)))));
    sftp.on('OPEN', (reqId, path, flags) =>
      guarded(reqId, () => {
        const writing = (flags & OPEN_MODE.WRITE) !== 0;
        const fd = openSync(this.local(path), writing ? 'w' : 'r');
        sftp.handle(reqId, newHandle({ fd, path, wrote: writing }));
      }),
    );
    sftp.on('WRITE', (reqId, handle, offset, data) =>
      guarded(reqId, () => {
        writeSync(handleOf(handle)!.fd!, data, 0, data.length, offset);
        sftp.status(reqId, STATUS_CODE.OK);
      }),
    );
    sftp.on('READ', (reqId, handle, offset, length) =>
      guarded(reqId, () => {
        const buffer = Buffer.alloc(length);
        const read = readSync(handleOf(handle)!.fd!, buffer, 0, length, offset);
        if (read === 0) sftp.status(reqId, STATUS_CODE.EOF);
        else sftp.data(reqId, buffer.subarray(0, read));
      }),
    );
    sftp.on('FSTAT', (reqId, handle) =>
      guarded(reqId, () => {
        const s = fstatSync(handleOf(handle)!.fd!);
        sftp.attrs(reqId, { mode: s.mode, uid: s.uid, gid: s.gid, size: s.size, atime: 0, mtime: 0 });
      }),
    );
    sftp.on('CLOSE', (reqId, handle) =>
      guarded(reqId, () => {
        const file = handleOf(handle);
        handles.delete(handle.readUInt32BE(0));
        if (file?.fd !== undefined) closeSync(file.fd);
        if (file?.wrote) this.stores.set(basename(file.path), (this.stores.get(basename(file.path)) ?? 0) + 1);
        sftp.status(reqId, STATUS_CODE.OK);
      }),
    );
    sftp.on('OPENDIR', (reqId, path) =>
      guarded(reqId, () => {
        const entries = readdirSync(this.local(path));
        sftp.handle(reqId, newHandle({ path, entries, wrote: false }));
      }),
    );
    sftp.on('READDIR', (reqId, handle) =>
      guarded(reqId, () => {
        const file = handleOf(handle)!;
        const names = file.entries!.splice(0);
        if (names.length === 0) return sftp.status(reqId, STATUS_CODE.EOF);
        sftp.name(
          reqId,
          names.map((name) => {
            const attrs = attrsOf(join(this.local(file.path), name));
            const type = (attrs.mode & 0o170000) === 0o040000 ? 'd' : '-';
            return { filename: name, longname: `${type}rw-r--r-- 1 hub hub ${attrs.size} Jan 1 00:00 ${name}`, attrs };
          }),
        );
      }),
    );
    sftp.on('REMOVE', (reqId, path) =>
      guarded(reqId, () => {
        unlinkSync(this.local(path));
        sftp.status(reqId, STATUS_CODE.OK);
      }),
    );
  }
}
