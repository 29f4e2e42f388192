import { ConfigError, loadConfig } from './platform/config.ts';
import { isPostgresClosedSocketWrite } from './platform/driver-faults.ts';
import { createLogger } from './platform/logging.ts';
import { TemporalBinaryMissing } from './platform/temporal/binary.ts';
import type { Io } from './cli/io.ts';

type Command = { summary: string; usage: string; run: (args: string[], io: Io) => Promise<number> };

const io: Io = { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s) };

const ENV_HELP = `Variables d'environnement : PORT (3000), DATA_DIR (./data), DATABASE_URL (sinon PGlite dans DATA_DIR),
TEMPORAL_ADDRESS (sinon serveur de développement lancé par le hub), TEMPORAL_NAMESPACE, TEMPORAL_TASK_QUEUE,
TEMPORAL_API_KEY, TEMPORAL_TLS_CERT / TEMPORAL_TLS_KEY / TEMPORAL_TLS_SERVER_CA, TEMPORAL_CLI_PATH,
TEMPORAL_DEV_PORT (7233), TEMPORAL_UI_PORT (8233), LOG_LEVEL, PUBLIC_URL.`;

function runHub(mode: 'start' | 'serve' | 'worker') {
  return async (): Promise<number> => {
    const config = loadConfig();
    const logger = createLogger(config.logLevel);
    const started = performance.now();
    process.on('uncaughtException', (error) => {
      if (isPostgresClosedSocketWrite(error)) {
        logger.warn({ err: error }, 'postgres.js wrote to a closed connection (known driver fault); continuing');
        return;
      }
      logger.fatal({ err: error }, 'uncaught exception');
      process.exit(1);
    });
    const { startHub } = await import('./main.ts');
    const hub = await startHub(mode, config, logger);
    logger.info(
      {
        mode,
        url: hub.url,
        temporal: hub.temporalAddress,
        temporalUi: hub.temporalUiUrl,
        startupMs: Math.round(performance.now() - started),
      },
      'hub started',
    );
    if (hub.url)
      io.stdout(
        `Hub prêt sur ${hub.url}  (API : ${hub.url}/api/docs${hub.temporalUiUrl ? `, Temporal : ${hub.temporalUiUrl}` : ''})\n`,
      );
    await new Promise<void>((resolve) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'stopping');
        hub.stop().then(resolve, resolve);
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    return 0;
  };
}

const commands: Record<string, Command> = {
  start: {
    summary: 'Démarre tout le hub (HTTP + worker) sur les valeurs embarquées',
    usage:
      'hub start\n\nBase PGlite dans ./data et serveur Temporal de développement (SQLite dans ./data, interface web sur le port 8233)\nsauf si DATABASE_URL / TEMPORAL_ADDRESS sont définis. Données de démonstration au premier démarrage.',
    run: runHub('start'),
  },
  serve: {
    summary: 'Démarre le serveur HTTP seul (sans worker)',
    usage: 'hub serve\n\nAttend un Temporal joignable (TEMPORAL_ADDRESS, sinon 127.0.0.1:7233).',
    run: runHub('serve'),
  },
  worker: {
    summary: 'Démarre un worker Temporal seul (workflows et activités)',
    usage: 'hub worker\n\nAttend un Temporal joignable (TEMPORAL_ADDRESS, sinon 127.0.0.1:7233).',
    run: runHub('worker'),
  },
  migrate: {
    summary: 'Applique les migrations de la base',
    usage: 'hub migrate',
    run: async () => {
      const { openConfiguredDatabase } = await import('./main.ts');
      const database = await openConfiguredDatabase(loadConfig());
      try {
        await database.migrate();
        io.stdout(`Migrations appliquées (${database.kind}).\n`);
      } finally {
        await database.close();
      }
      return 0;
    },
  },
  seed: {
    summary: "Charge l'annuaire breton et les comptes de démonstration (idempotent)",
    usage: 'hub seed',
    run: async () => {
      const { openConfiguredDatabase } = await import('./main.ts');
      const { seedAll } = await import('./seed/index.ts');
      const database = await openConfiguredDatabase(loadConfig());
      try {
        await database.migrate();
        const counts = await seedAll(database.db);
        io.stdout(`Données chargées : ${JSON.stringify(counts)}\n`);
      } finally {
        await database.close();
      }
      return 0;
    },
  },
  validate: {
    summary: 'Valide des factures (UBL, CII, Factur-X) selon EN 16931 et les règles françaises',
    usage: 'hub validate [--json] [--profile en16931|b2g|fr] FICHIER...',
    run: async (args, out) => (await import('./cli/validate.ts')).run(args, out),
  },
  convert: {
    summary: 'Convertit une facture (UBL ↔ CII, ou vers Factur-X)',
    usage: 'hub convert --to ubl|cii|facturx ENTRÉE SORTIE',
    run: async (args, out) => (await import('./cli/convert.ts')).run(args, out),
  },
  import: {
    summary: "Dépose en masse les factures d'un dossier ou d'une archive ZIP pour un fournisseur (reprise possible)",
    usage:
      "hub import DOSSIER|ARCHIVE.zip --supplier SIRET|SIREN|identifiant [--as COURRIEL] [--concurrency N]\n\nDépose chaque fichier .xml ou .pdf au nom du fournisseur (par défaut son premier utilisateur fournisseur) ;\nles fichiers déjà déposés par ce fournisseur sont reconnus à leur empreinte et passés. Même configuration que\n« hub serve » : DATABASE_URL (sinon PGlite dans DATA_DIR) et TEMPORAL_ADDRESS (sinon 127.0.0.1:7233, celui de « hub start »).\nCode de sortie : 0 si rien n'est refusé, 1 sinon, 2 en cas d'erreur d'usage.",
    run: async (args, out) => (await import('./cli/import.ts')).run(args, out),
  },
  'temporal-postgres': {
    summary: 'Démarre un serveur Temporal sur PostgreSQL (la persistance de production, sur cette machine)',
    usage:
      "hub temporal-postgres [--port 7233]\n\nConstruit une fois ops/temporal-server avec Go, crée les bases temporal et temporal_visibility\net leur schéma dans TEMPORAL_POSTGRES_URL (postgres://postgres@127.0.0.1:5432/), puis sert l'espace TEMPORAL_NAMESPACE (default).",
    run: async (args, out) => (await import('./cli/temporal-postgres.ts')).run(args, out),
  },
  demo: {
    summary: 'Démonstrations de bout en bout contre un hub démarré (demo tender, demo pes)',
    usage:
      'hub demo tender [--url URL] [--out DOSSIER]\n\nMène une consultation de test (durées en secondes) par l’API publique du hub (par défaut http://127.0.0.1:3000) :\npublication, question et réponse, deux plis dont un terminé 1 s après la date limite, ouverture, attribution,\nnotification, export DECP ; écrit pour chaque pli l’accusé, son jeton RFC 3161 et la chaîne de l’autorité.\n\nhub demo pes --out FICHIER [--url URL]\n\nÉcrit le PES Aller de démonstration de Rennes : un bordereau de mandats payant une facture du fournisseur de\ndémonstration à Rennes (trouvée par l’API du hub, ou déposée d’abord).',
    run: async (args, out) => {
      if (args[0] === 'tender') return (await import('./cli/demo-tender.ts')).run(args.slice(1), out);
      if (args[0] === 'pes') return (await import('./cli/demo-pes.ts')).run(args.slice(1), out);
      out.stderr('Usage : hub demo tender [--url URL] [--out DOSSIER] | hub demo pes --out FICHIER [--url URL]\n');
      return 2;
    },
  },
  render: {
    summary: "Produit la représentation PDF lisible d'une facture",
    usage: 'hub render ENTRÉE SORTIE.pdf',
    run: async (args, out) => (await import('./cli/render.ts')).run(args, out),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((k) => k.length));
  return [
    'Usage : hub <commande> [options]   (hub <commande> --help pour le détail)',
    '',
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    ENV_HELP,
    '',
  ].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`Commande inconnue : ${name}\n\n${help()}`);
    return 2;
  }
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage : ${command.usage}\n\n${ENV_HELP}\n`);
    return 0;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof TemporalBinaryMissing) {
      io.stderr(`${error.message}\n`);
      return 1;
    }
    io.stderr(`Échec de « hub ${name} » : ${(error as Error).message}\n`);
    return 1;
  }
}
