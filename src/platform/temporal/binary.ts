import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The last CLI release whose module builds with `go install`; it embeds the dev server and its Web UI. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

export const INSTALL_HINT =
  `Le binaire « temporal » est introuvable. Installez Go (https://go.dev/doc/install) puis relancez, ` +
  `ou exécutez « go install ${TEMPORAL_CLI_MODULE} », ou indiquez son chemin dans TEMPORAL_CLI_PATH.`;

export class TemporalBinaryMissing extends Error {
  constructor(detail?: string) {
    super(detail ? `${INSTALL_HINT}\n${detail}` : INSTALL_HINT);
    this.name = 'TemporalBinaryMissing';
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where `go install` puts binaries: GOBIN, else the first GOPATH entry + /bin. */
export function goBinDir(): string | undefined {
  const result = spawnSync('go', ['env', 'GOBIN', 'GOPATH'], { encoding: 'utf8' });
  if (result.status !== 0 || result.error) return undefined;
  const [gobin, gopath] = result.stdout.split('\n').map((s) => s.trim());
  if (gobin) return gobin;
  return gopath ? join(gopath.split(delimiter)[0] ?? gopath, 'bin') : undefined;
}

/** Finds `temporal`: TEMPORAL_CLI_PATH, then PATH, then Go's own bin folder. */
export function findTemporalBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.TEMPORAL_CLI_PATH) {
    if (!isExecutable(env.TEMPORAL_CLI_PATH)) {
      throw new TemporalBinaryMissing(`TEMPORAL_CLI_PATH=${env.TEMPORAL_CLI_PATH} n’est pas un fichier exécutable.`);
    }
    return env.TEMPORAL_CLI_PATH;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, 'temporal'))) return join(dir, 'temporal');
  }
  const goBin = goBinDir();
  if (goBin && isExecutable(join(goBin, 'temporal'))) return join(goBin, 'temporal');
  return undefined;
}

export function hasGo(): boolean {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 && !r.error;
}

/** Finds the binary, or builds it once with Go (a few minutes, modules from the Go proxy), or explains how to get it. */
export async function ensureTemporalBinary(log: (line: string) => void = (l) => console.error(l)): Promise<string> {
  const found = findTemporalBinary();
  if (found) return found;
  if (!hasGo()) throw new TemporalBinaryMissing('Go est absent de cette machine.');
  log(`Construction du serveur Temporal (go install ${TEMPORAL_CLI_MODULE}) : quelques minutes, une seule fois…`);
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn('go', ['install', TEMPORAL_CLI_MODULE], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new TemporalBinaryMissing(`« go install ${TEMPORAL_CLI_MODULE} » a échoué (code ${code}).`);
  const built = findTemporalBinary();
  if (!built) throw new TemporalBinaryMissing('La construction a réussi mais le binaire reste introuvable (GOBIN ?).');
  return built;
}
