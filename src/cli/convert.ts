// `hub convert --to ubl|cii|facturx IN OUT`: converts an invoice (UBL, CII or Factur-X)
// into UBL, CII or a Factur-X PDF. An input with fatal EN 16931 errors is refused unless --force. The output is
// read back and validated (EN 16931 rules, syntax binding, schema checks) before it is written: a valid input whose
// conversion would not be valid is refused and nothing is written; a forced invalid input is written with the
// errors of its output listed.
import { convertRead, readInvoice, validate, type Violation } from '../../formats/index.ts';
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
      if (to === undefined) return 'L’option --to attend une valeur : ubl, cii ou facturx.';
    } else if (arg.startsWith('-')) return `Option inconnue « ${arg} ».`;
    else paths.push(arg);
  }
  if (to === undefined) return 'L’option --to est obligatoire (ubl, cii ou facturx).';
  if (!TARGETS.includes(to as Target)) return `Format cible inconnu « ${to} » : valeurs possibles ubl, cii ou facturx.`;
  if (paths.length !== 2) return 'Il faut un fichier d’entrée et un fichier de sortie.';
  return { to: to as Target, force, input: paths[0]!, output: paths[1]! };
}

const TARGET = { ubl: 'UBL', cii: 'CII', facturx: 'FACTURX' } as const;
const LABEL: Record<Target, string> = { ubl: 'UBL', cii: 'CII', facturx: 'Factur-X' };
const SHOWN = 10;

function list(violations: readonly Violation[]): string {
  const shown = violations.slice(0, SHOWN).map((v) => `    [${v.rule}]${v.bt ? ` ${v.bt}` : ''} : ${v.message}`);
  const more = violations.length > SHOWN ? [`    … et ${violations.length - SHOWN} autre(s)`] : [];
  return [...shown, ...more].join('\n');
}

async function convert(bytes: Uint8Array, to: Target, force: boolean, io: Io): Promise<Uint8Array | undefined> {
  const read = await readInvoice(bytes);
  const sourceErrors = validate(read).filter((v) => v.severity === 'fatal');
  if (sourceErrors.length > 0) {
    io.stderr(
      `La facture d’entrée n’est pas conforme à EN 16931 (${sourceErrors.length} erreur(s)) :\n${list(sourceErrors)}\n`,
    );
    if (!force) {
      io.stderr('Conversion refusée (utiliser --force pour convertir malgré tout).\n');
      return undefined;
    }
  }
  const conversion = await convertRead(read, TARGET[to], { sourceErrors });
  const { outputErrors } = conversion;
  if (outputErrors.length > 0) {
    const head = `La facture ${LABEL[to]} produite ne serait pas conforme (${outputErrors.length} erreur(s)) :\n${list(outputErrors)}\n`;
    if (sourceErrors.length === 0) {
      io.stderr(
        `${head}Conversion refusée : une facture conforme ne doit pas devenir non conforme ; aucun fichier écrit.\n`,
      );
      return undefined;
    }
    io.stderr(head.replace('ne serait pas conforme', 'n’est pas conforme non plus'));
  }
  return conversion.output;
}

export async function run(argv: string[], io: Io): Promise<number> {
  const options = parseArgs(argv);
  if (usageExit(options, USAGE, io)) return usageExitCode(options);
  const code = await transformFile(options, io, 'la conversion', (bytes) =>
    convert(bytes, options.to, options.force, io),
  );
  if (code === 0) io.stdout(`${options.input} → ${options.output} (${LABEL[options.to]})\n`);
  return code;
}
