// A fake DGFiP gateway and Hélios, over real FTP (ftp-srv): it honours the routing commands SITE P_DEST, P_APPLI
// and P_MSG (or `SITE META P_DEST=…;P_APPLI=…;P_MSG=…`), refuses an upload without them, takes files in /entree/,
// judges each PES Aller as Hélios does and writes PES_ACQUIT / PES_NonAcquit in /sortie/, and PES_Retour files on
// request. Used by the tests, the benchmark and the demo start (src/accounting/wiring/start-treasury.ts).
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FileSystem, FtpSrv, type FtpConnection } from 'ftp-srv';
import { acquitXml, nonAcquitXml, retourXml, type RetourPiece } from './fake-helios-files.ts';
import { judgePesAller, type HeliosMemory, type HeliosVerdict, type KnownAccount } from './fake-helios-checks.ts';
import { firstBrokenSignature } from './fake-helios-signatures.ts';

export interface FakeTreasuryOptions {
  /** Accounts Hélios knows; absent: every codique, SIRET and budget is known (the demo). */
  accounts?: KnownAccount[];
  /** Delay before the acknowledgement is written (a few seconds in the demo). */
  ackDelayMs?: number;
  /** When set, a PES_Retour marking every accepted mandate paid is written this long after the acknowledgement. */
  autoRetourAfterMs?: number;
  user?: string;
  password?: string;
  /** Authorities Hélios trusts for signing certificates (PEM); absent: the certificate in the signature is taken. */
  trustedSignersPem?: string;
  port?: number;
  /** Explicit FTPS (AUTH TLS), as PassTrans: the server's key and certificate, PEM. */
  tls?: { key: string; cert: string };
  /** Called once a file is on disk in /entree/, before the client is told (a test kills the sender there). */
  onStored?: (name: string) => void;
  /** Called when an acknowledgement or a PES_Retour is written in /sortie/ (the demo start polls then). */
  onReturnWritten?: (name: string) => void;
}

export interface ReceivedFile {
  name: string;
  routing: Routing;
  verdict?: HeliosVerdict;
}

interface Routing {
  pDest?: string;
  pAppli?: string;
  pMsg?: string;
}

const require = createRequire(import.meta.url);
const siteRegistry = require('ftp-srv/src/commands/registration/site/registry.js') as Record<
  string,
  { handler: (this: FtpConnection & { routing?: Routing }, args: { command: { arg: string } }) => unknown }
>;

// The routing commands of the DGFiP gateway, on every ftp-srv server of this process.
for (const key of ['P_DEST', 'P_APPLI', 'P_MSG'] as const) {
  const field = ({ P_DEST: 'pDest', P_APPLI: 'pAppli', P_MSG: 'pMsg' } as const)[key];
  siteRegistry[key] = {
    handler(this, { command }) {
      this.routing = { ...this.routing, [field]: command.arg };
      return this.reply(200, `${key} ${command.arg}`);
    },
  };
}
siteRegistry.META = {
  handler(this, { command }) {
    const routing: Routing = { ...this.routing };
    for (const pair of command.arg.split(';')) {
      const [name, value] = pair.split('=');
      if (name === 'P_DEST') routing.pDest = value;
      if (name === 'P_APPLI') routing.pAppli = value;
      if (name === 'P_MSG') routing.pMsg = value;
    }
    this.routing = routing;
    return this.reply(200, 'META');
  },
};

const silentLog = {
  child: () => silentLog,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

export class FakeTreasury {
  readonly received: ReceivedFile[] = [];
  /** STOR commands per file name (a file sent twice shows 2). */
  readonly stores = new Map<string, number>();
  /** PES_ACQUIT_RETOUR files received. */
  readonly retourAcks: string[] = [];
  /** Bordereaux whose signature was verified sound, as `{NomFic}/{IdBord}`. */
  readonly verifiedSignatures: string[] = [];
  private readonly memory: HeliosMemory = { bordereaux: new Set(), pieces: new Set(), pjs: new Set() };
  private server: FtpSrv | undefined;
  private port = 0;
  private slowMs = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  private retourCounter = 0;

  private constructor(
    readonly root: string,
    private readonly options: FakeTreasuryOptions,
  ) {}

  static async start(options: FakeTreasuryOptions = {}): Promise<FakeTreasury> {
    const root = await mkdtemp(join(tmpdir(), 'fake-treasury-'));
    await mkdir(join(root, 'entree'));
    await mkdir(join(root, 'sortie'));
    const fake = new FakeTreasury(root, options);
    fake.port = options.port ?? 0;
    await fake.listen();
    return fake;
  }

  get user(): string {
    return this.options.user ?? 'hub';
  }

  get url(): string {
    return `${this.options.tls ? 'ftps' : 'ftp'}://${this.user}:${encodeURIComponent(this.options.password ?? 'tresor')}@127.0.0.1:${this.port}`;
  }

  get entreeDir(): string {
    return join(this.root, 'entree');
  }

  get sortieDir(): string {
    return join(this.root, 'sortie');
  }

  /** Every upload waits this long before its bytes are taken (a slow gateway). */
  setSlow(ms: number): void {
    this.slowMs = ms;
  }

  /** The gateway goes down: connections are refused until `up()`. */
  async down(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await server.close();
  }

  async up(): Promise<void> {
    if (!this.server) await this.listen();
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    await this.down();
    await rm(this.root, { recursive: true, force: true });
  }

  /** Writes a PES_Retour for these pieces in /sortie/ and returns its name. */
  async emitRetour(
    head: { idPost: string; idColl: string; codColl: string; codBud: string },
    pieces: RetourPiece[],
    day = new Date().toISOString().slice(0, 10),
  ): Promise<string> {
    this.retourCounter += 1;
    const stamp = `${day.replace(/-/g, '')}${String(Date.now()).slice(-6)}${this.retourCounter}`;
    const name = `PES2R_DEP_P_${head.codColl}_${head.codBud}_${head.idPost}_${day.replace(/-/g, '')}_${stamp}.xml`;
    const xml = retourXml(name.replace(/\.xml$/, ''), { ...head, dteStr: day }, pieces);
    await writeFile(join(this.sortieDir, name), Buffer.from(xml, 'latin1'));
    this.options.onReturnWritten?.(name);
    return name;
  }

  private async listen(): Promise<void> {
    // The file system class below has its own `this`: it reaches the fake through these.
    const fake = {
      user: this.user,
      password: this.options.password ?? 'tresor',
      slowMs: () => this.slowMs,
      counted: (name: string) => this.stores.set(name, (this.stores.get(name) ?? 0) + 1),
      receive: (path: string, routing: Routing) => this.receive(path, routing),
      stored: (name: string) => this.options.onStored?.(name),
      root: this.root,
    };
    const pasvMin = 20000 + Math.floor(Math.random() * 30000);
    const server = withoutSignalHandlers(
      () =>
        new FtpSrv({
          url: `ftp://127.0.0.1:${this.port}`,
          pasv_url: '127.0.0.1',
          pasv_min: pasvMin,
          pasv_max: pasvMin + 2000,
          anonymous: false,
          greeting: ['Passerelle DGFiP (simulateur)'],
          ...(this.options.tls ? { tls: this.options.tls } : {}),
          log: silentLog,
        }),
    );
    server.on('login', ({ connection, username, password }, resolve, reject) => {
      if (username !== fake.user || password !== fake.password) return reject(new Error('Identifiants refusés'));
      const routed = connection as FtpConnection & { routing?: Routing };
      class GatewayFileSystem extends FileSystem {
        override async write(fileName: string, options?: { append?: boolean; start?: unknown }) {
          const routing = routed.routing ?? {};
          if (!routing.pDest || !routing.pAppli || !routing.pMsg)
            throw new Error('Commandes de routage absentes : SITE P_DEST, P_APPLI et P_MSG sont requises');
          const slow = fake.slowMs();
          if (slow > 0) await new Promise((r) => setTimeout(r, slow));
          fake.counted(basename(fileName));
          return super.write(fileName, options);
        }
      }
      connection.on('STOR', (error: Error | null, serverPath: string) => {
        if (error || !serverPath) return;
        fake.stored(basename(serverPath));
        void fake.receive(serverPath, { ...(routed.routing ?? {}) });
      });
      resolve({ fs: new GatewayFileSystem(connection, { root: fake.root, cwd: '/' }) });
    });
    await server.listen();
    const address = (server as unknown as { server: { address(): AddressInfo } }).server.address();
    this.port = address.port;
    this.server = server;
  }

  private async receive(serverPath: string, routing: Routing): Promise<void> {
    const name = basename(serverPath);
    if (!serverPath.startsWith(this.entreeDir)) return;
    const bytes = await readFile(serverPath);
    if (bytes.toString('latin1', 0, 400).includes('PES_ACQUIT_RETOUR')) {
      this.retourAcks.push(name);
      return;
    }
    if (!name.startsWith('PESALR2_')) return;
    const text = bytes.toString('latin1');
    const nomFic = /<NomFic\s+V="([^"]*)"/.exec(text)?.[1] ?? '';
    // A broken signature refuses the whole file, before anything of it is integrated.
    const broken = await firstBrokenSignature(serverPath, text, {
      ...(this.options.trustedSignersPem ? { trustedPem: this.options.trustedSignersPem } : {}),
      verified: (idBord) => this.verifiedSignatures.push(`${nomFic}/${idBord}`),
    }).catch((error: Error) => ({ code: 'ERREUR_SIGNATURE_BORDEREAU_ILLISIBLE', label: error.message }));
    const verdict: HeliosVerdict = broken
      ? { kind: 'nack', nomFic, code: broken.code, label: broken.label }
      : judgePesAller(bytes, this.options.accounts, this.memory);
    this.received.push({ name, routing, verdict });
    const write = async () => {
      if (verdict.kind === 'nack') {
        await writeFile(
          join(this.sortieDir, `NACK_${name}`),
          Buffer.from(nonAcquitXml(verdict.nomFic, verdict.code, verdict.label), 'latin1'),
        );
        this.options.onReturnWritten?.(`NACK_${name}`);
        return;
      }
      await writeFile(
        join(this.sortieDir, `ACQUIT_${name}`),
        Buffer.from(acquitXml(verdict.nomFic, verdict.enTete, verdict.elements), 'latin1'),
      );
      this.options.onReturnWritten?.(`ACQUIT_${name}`);
      if (this.options.autoRetourAfterMs !== undefined && verdict.elements.every((e) => e.etat === '1')) {
        this.later(this.options.autoRetourAfterMs, () =>
          this.emitRetour(
            {
              idPost: verdict.enTete.IdPost ?? '',
              idColl: verdict.enTete.IdColl ?? '',
              codColl: verdict.enTete.CodCol ?? '',
              codBud: verdict.enTete.CodBud ?? '',
            },
            verdict.pieces.map((p) => ({ ...p, paidOn: new Date().toISOString().slice(0, 10) })),
          ).then(() => undefined),
        );
      }
    };
    this.later(this.options.ackDelayMs ?? 0, write);
  }

  private later(ms: number, run: () => Promise<void>): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void run().catch(() => undefined);
    }, ms);
    this.timers.add(timer);
  }
}

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;

/**
 * ftp-srv's constructor adds SIGTERM/SIGINT/SIGQUIT handlers that close it and then call process.exit(0): inside
 * `hub start` that ended the hub in the middle of its own shutdown, leaving its Temporal dev server running. The
 * hub stops this server itself (stop()), so the handlers the constructor added are taken off again.
 */
function withoutSignalHandlers<T>(create: () => T): T {
  const before = new Map(SIGNALS.map((signal) => [signal, process.listeners(signal)]));
  const created = create();
  for (const signal of SIGNALS)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener as (...args: unknown[]) => void);
  return created;
}
