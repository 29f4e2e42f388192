// `hub render IN OUT.pdf`: the human-readable PDF (in French) of an invoice (UBL, CII or Factur-X).
import { readInvoice, renderInvoicePdf } from '../../formats/index.ts';
import { transformFile, usageExit, usageExitCode } from './file-command.ts';
import type { Io } from './io.ts';

const USAGE = 'Usage : hub render ENTRÉE SORTIE.pdf\n';

function parseArgs(argv: readonly string[]): { input: string; output: string } | string | 'help' {
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg.startsWith('-')) return `Option inconnue « ${arg} ».`;
    paths.push(arg);
  }
  if (paths.length !== 2) return 'Il faut un fichier d’entrée et un fichier PDF de sortie.';
  return { input: paths[0]!, output: paths[1]! };
}

export async function run(argv: string[], io: Io): Promise<number> {
  const options = parseArgs(argv);
  if (usageExit(options, USAGE, io)) return usageExitCode(options);
  const code = await transformFile(options, io, 'le rendu', async (bytes) =>
    renderInvoicePdf((await readInvoice(bytes)).invoice),
  );
  if (code === 0) io.stdout(`${options.input} → ${options.output}\n`);
  return code;
}
