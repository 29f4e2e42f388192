// `hub import DIR|ZIP --supplier SIRET|SIREN|id [--as EMAIL] [--concurrency N]`: deposits every invoice file of a
// folder or ZIP archive for a supplier, with the configuration of `hub serve` (database and Temporal). One line per
// file on stdout, progress on stderr, a summary. Exit 0 when nothing was refused, 1 otherwise, 2 on a usage error.
import pino from 'pino';
import { loadConfig } from '../platform/config.ts';
import { systemClock } from '../platform/clock.ts';
import { connectClient } from '../platform/temporal/connection.ts';
import {
  drainLaunches,
  type InvoiceDeps,
  createProgress,
  findImportingPerson,
  findImportingSupplier,
  importInvoices,
  ImportSetupError,
  openInvoiceSource,
  resultLine,
  SourceError,
  summaryText,
} from '../invoices/index.ts';
import type { Io } from './io.ts';

export interface ImportTerminal {
  env: NodeJS.ProcessEnv;
  /** Whether stderr is a terminal (progress bar) and how wide it is. */
  stderrIsTTY: boolean;
  columns: number | undefined;
  /** Aborted on Ctrl-C: the import finishes the files in flight, then stops. */
  signal?: AbortSignal;
}

const USAGE =
  'Usage : hub import DOSSIER|ARCHIVE.zip --supplier SIRET|SIREN|identifiant [--as COURRIEL] [--concurrency N]\n';

interface Options {
  path: string;
  supplier: string;
  as: string | undefined;
  concurrency: number;
}

function parseArgs(argv: readonly string[]): Options | string {
  let path: string | undefined;
  let supplier: string | undefined;
  let as: string | undefined;
  let concurrency = 4;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === '--supplier') supplier = value();
    else if (flag === '--as') as = value();
    else if (flag === '--concurrency') {
      const raw = value();
      concurrency = Number(raw);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64)
        return `--concurrency attend un entier de 1 à 64 (reçu « ${raw ?? ''} »).`;
    } else if (flag.startsWith('-')) return `Option inconnue « ${arg} ».`;
    else if (path === undefined) path = arg;
    else return `Un seul dossier ou une seule archive à la fois (reçu aussi « ${arg} »).`;
    if ((flag === '--supplier' || flag === '--as') && !(flag === '--supplier' ? supplier : as))
      return `L’option ${flag} attend une valeur.`;
  }
  if (path === undefined) return 'Indiquez le dossier ou l’archive ZIP à importer.';
  if (supplier === undefined) return 'Indiquez le fournisseur avec --supplier (SIRET, SIREN ou identifiant).';
  return { path, supplier, as, concurrency };
}

export async function run(argv: string[], io: Io, terminal: ImportTerminal = defaultTerminal()): Promise<number> {
  const options = parseArgs(argv);
  if (typeof options === 'string') {
    io.stderr(`${options}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(terminal.env);
  if (!config.databaseUrl) {
    const running = await hubAnswers(config.port);
    if (running) {
      io.stderr(
        `Un hub tourne déjà sur le port ${config.port} avec sa base embarquée (PGlite), qu’un seul processus peut ouvrir.\n` +
          `Arrêtez-le le temps de l’import, ou faites tourner le hub et l’import sur PostgreSQL (DATABASE_URL).\n`,
      );
      return 1;
    }
  }

  let source;
  try {
    source = await openInvoiceSource(options.path);
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    io.stderr(`${error.message}\n${USAGE}`);
    return 2;
  }

  if (source.files.length === 0) {
    io.stderr(`Aucun fichier .xml ou .pdf dans « ${options.path} » : rien à importer.\n`);
    await source.close();
    return 0;
  }

  const closing: (() => Promise<unknown>)[] = [() => source.close()];
  try {
    const { openConfiguredDatabase } = await import('../main.ts');
    const database = await openConfiguredDatabase(config);
    closing.unshift(() => database.close());
    let supplier, actor;
    try {
      supplier = await findImportingSupplier(database.db, options.supplier);
      actor = await findImportingPerson(database.db, supplier, options.as);
    } catch (error) {
      if (!(error instanceof ImportSetupError)) throw error;
      io.stderr(`${error.message}\n`);
      return 2;
    }

    const address = config.temporal.address ?? '127.0.0.1:7233';
    let temporal;
    try {
      temporal = await connectClient({
        address,
        namespace: config.temporal.namespace,
        apiKey: config.temporal.apiKey,
        tls: config.temporal.tls,
      });
    } catch (error) {
      io.stderr(
        `Serveur Temporal injoignable à ${address} : ${(error as Error).message}\nLancez « hub start » (qui le démarre) ou indiquez-le avec TEMPORAL_ADDRESS.\n`,
      );
      return 1;
    }
    // Starts launched by the last deposits finish before the connection closes.
    closing.unshift(async () => {
      await drainLaunches(temporal);
      await temporal.connection.close();
    });

    const deps: InvoiceDeps = {
      db: database.db,
      clock: systemClock,
      logger: pino(
        { level: terminal.env.LOG_LEVEL ? config.logLevel : 'silent', base: { service: 'hub-import' } },
        pino.destination(2),
      ),
      secureCookies: false,
      temporal,
      temporalNamespace: config.temporal.namespace,
      taskQueue: config.temporal.taskQueue,
    };

    const ignored =
      source.ignored > 0
        ? ` (${source.ignored} autre${source.ignored > 1 ? 's' : ''} fichier${source.ignored > 1 ? 's' : ''} ignoré${source.ignored > 1 ? 's' : ''} : ni .xml ni .pdf)`
        : '';
    io.stderr(
      `Import de ${source.files.length} fichier${source.files.length > 1 ? 's' : ''}${ignored} pour ${supplier.name}, au nom de ${actor.displayName} (${actor.email}).\n`,
    );
    const progress = createProgress(
      { write: io.stderr, isTTY: terminal.stderrIsTTY, columns: terminal.columns },
      source.files.length,
    );
    let done = 0;
    const summary = await importInvoices(deps, actor, {
      supplierId: supplier.id,
      source,
      concurrency: options.concurrency,
      ...(terminal.signal ? { signal: terminal.signal } : {}),
      onResult: (outcome) => {
        progress.print(io.stdout, resultLine(outcome));
        progress.advance(++done);
      },
    });
    progress.finish();
    io.stdout(summaryText(summary));
    return summary.refused > 0 || summary.stoppedBecause !== undefined ? 1 : 0;
  } finally {
    for (const close of closing) await close().catch(() => undefined);
  }
}

/** True when a hub answers on this port of the machine (its health endpoint). */
async function hubAnswers(port: number): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    const body = (await response.json()) as { db?: unknown };
    return body.db !== undefined;
  } catch {
    return false;
  }
}

function defaultTerminal(): ImportTerminal {
  const controller = new AbortController();
  process.once('SIGINT', () => {
    process.stderr.write(
      '\nInterruption : fin des dépôts en cours, puis arrêt (Ctrl-C de nouveau pour quitter tout de suite).\n',
    );
    controller.abort();
    process.once('SIGINT', () => process.exit(130));
  });
  return {
    env: process.env,
    stderrIsTTY: Boolean(process.stderr.isTTY),
    columns: process.stderr.columns,
    signal: controller.signal,
  };
}
