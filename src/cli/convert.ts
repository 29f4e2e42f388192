// `hub convert --to ubl|cii|facturx IN OUT`: converts an invoice (UBL, CII or Factur-X)
// into UBL, CII or a Factur-X PDF. An input with fatal EN 16931 errors is refused unless --force.
import { readInvoice, validate, writeCii, writeFacturX, writeUbl } from '../../formats/index.ts';
import { transformFile, usageExit, usageExitCode } from './file-command.ts';
import type { Io } from './io.ts';

type Target = 'ubl' | 'cii' | 'facturx';

const USAGE = 'Usage : hub convert --to ubl|cii|facturx [--force] ENTRÉE SORTIE\n';
const TARGETS: readonly Target[] = ['ubl', 'cii', 'facturx'];

interface Options {
  to: Target;
  force: boolean;
  input: string;
  output: string;
}

function parseArgs(argv: readonly string[]): Options | string | 'help' {
  let to: string | undefined;
  let force = false;
  const paths: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--force') force = true;
    else if (arg === '--to' || arg.startsWith('--to=')) {
      to = arg === '--to' ? argv[++i] : arg.slice('--to='.length);
      if (to === undefined) return "L'option --to attend une valeur : ubl, cii ou facturx.";
    } else if (arg.startsWith('-')) return `Option inconnue « ${arg} ».`;
    else paths.push(arg);
  }
  if (to === undefined) return "L'option --to est obligatoire (ubl, cii ou facturx).";
  if (!TARGETS.includes(to as Target)) return `Format cible inconnu « ${to} » : valeurs possibles ubl, cii ou facturx.`;
  if (paths.length !== 2) return 'Il faut un fichier d’entrée et un fichier de sortie.';
  return { to: to as Target, force, input: paths[0]!, output: paths[1]! };
}

async function convert(bytes: Uint8Array, to: Target, force: boolean, io: Io): Promise<Uint8Array | undefined> {
  const read = await readInvoice(bytes);
  const fatal = validate(read, { profile: 'en16931' }).filter((v) => v.severity === 'fatal');
  if (fatal.length > 0) {
    const shown = fatal.slice(0, 10).map((v) => `    [${v.rule}]${v.bt ? ` ${v.bt}` : ''} : ${v.message}`);
    const more = fatal.length > shown.length ? [`    … et ${fatal.length - shown.length} autre(s)`] : [];
    io.stderr(
      `La facture d'entrée n'est pas conforme à EN 16931 (${fatal.length} erreur(s)) :\n${[...shown, ...more].join('\n')}\n`,
    );
    if (!force) {
      io.stderr('Conversion refusée (utiliser --force pour convertir malgré tout).\n');
      return undefined;
    }
  }
  switch (to) {
    case 'ubl':
      return Buffer.from(writeUbl(read.invoice), 'utf8');
    case 'cii':
      return Buffer.from(writeCii(read.invoice), 'utf8');
    case 'facturx':
      return writeFacturX(read.invoice);
  }
}

export async function run(argv: string[], io: Io): Promise<number> {
  const options = parseArgs(argv);
  if (usageExit(options, USAGE, io)) return usageExitCode(options);
  const code = await transformFile(options, io, 'la conversion', (bytes) =>
    convert(bytes, options.to, options.force, io),
  );
  if (code === 0)
    io.stdout(
      `${options.input} → ${options.output} (${options.to === 'facturx' ? 'Factur-X' : options.to.toUpperCase()})\n`,
    );
  return code;
}
