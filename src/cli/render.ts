// `hub render IN OUT.pdf`: the human-readable PDF (in French) of an invoice (UBL, CII or Factur-X).
import { readFile, writeFile } from 'node:fs/promises';
import { isFormatError, readInvoice } from '../../formats/index.ts';
import { renderInvoicePdf } from '../../formats/index.ts';

type Io = { stdout: (s: string) => void; stderr: (s: string) => void };

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
  if (options === 'help') {
    io.stdout(USAGE);
    return 0;
  }
  if (typeof options === 'string') {
    io.stderr(`${options}\n${USAGE}`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = await readFile(options.input);
  } catch (err) {
    io.stderr(`Impossible de lire ${options.input} : ${(err as Error).message}\n`);
    return 1;
  }
  let pdf: Uint8Array;
  try {
    pdf = await renderInvoicePdf((await readInvoice(bytes)).invoice);
  } catch (err) {
    io.stderr(
      isFormatError(err)
        ? `${options.input} : ${err.message} [${err.code}]\n`
        : `${options.input} : erreur inattendue pendant le rendu (${(err as Error).message})\n`,
    );
    return 1;
  }
  try {
    await writeFile(options.output, pdf);
  } catch (err) {
    io.stderr(`Impossible d'écrire ${options.output} : ${(err as Error).message}\n`);
    return 1;
  }
  io.stdout(`${options.input} → ${options.output}\n`);
  return 0;
}
