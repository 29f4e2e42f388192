// `hub validate [--json] [--profile en16931|b2g|fr] FILE...`: reads and validates invoices
// (UBL, CII, Factur-X), one JSON line per file or a French report. Exit 0 when every file is
// valid, 1 otherwise, 2 on a usage error.
import { readFile } from 'node:fs/promises';
import { isFormatError, readInvoice, validate, type Profile, type Violation } from '../../formats/index.ts';
import type { Io } from './io.ts';

type Syntax = 'UBL' | 'CII' | 'FACTURX';

const USAGE = 'Usage : hub validate [--json] [--profile en16931|b2g|fr] FICHIER...\n';
const PROFILES: readonly Profile[] = ['en16931', 'b2g', 'fr'];

interface Options {
  json: boolean;
  profile: Profile;
  files: string[];
}

/** Parses the arguments; a string is a usage error message. */
function parseArgs(argv: readonly string[]): Options | string | 'help' {
  const options: Options = { json: false, profile: 'en16931', files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      options.files.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '--help' || arg === '-h') return 'help';
    if (arg === '--json') options.json = true;
    else if (arg === '--profile' || arg.startsWith('--profile=')) {
      const value = arg === '--profile' ? argv[++i] : arg.slice('--profile='.length);
      if (value === undefined) return 'L’option --profile attend une valeur : en16931, b2g ou fr.';
      if (!PROFILES.includes(value as Profile))
        return `Profil inconnu « ${value} » : valeurs possibles en16931, b2g ou fr.`;
      options.profile = value as Profile;
    } else if (arg.startsWith('-') && arg !== '-') return `Option inconnue « ${arg} ».`;
    else options.files.push(arg);
  }
  if (options.files.length === 0) return 'Aucun fichier à valider.';
  return options;
}

/** The outcome for one file, in the shape of its JSON line. */
export type FileReport =
  | { file: string; syntax: Syntax; valid: boolean; errors: Violation[] }
  | { file: string; syntax?: Syntax; valid: false; error: { code: string; message: string } };

/** A first look at the bytes, to name the syntax of a file that could not be read. */
function sniffSyntax(bytes: Uint8Array): Syntax | undefined {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 4096)).toString('latin1');
  if (head.includes('%PDF-')) return 'FACTURX';
  const root = /<(?:[A-Za-z_][\w.-]*:)?(Invoice|CreditNote|CrossIndustryInvoice)[\s>/]/.exec(
    head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''),
  );
  if (!root) return undefined;
  return root[1] === 'CrossIndustryInvoice' ? 'CII' : 'UBL';
}

export async function validateFile(file: string, profile: Profile): Promise<FileReport> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'fichier introuvable' : (err as Error).message;
    return {
      file,
      valid: false,
      error: { code: 'FILE_UNREADABLE', message: `Impossible de lire le fichier : ${reason}.` },
    };
  }
  try {
    const read = await readInvoice(bytes);
    const errors = validate(read, { profile }).map(({ rule, severity, bt, path, message }) => ({
      rule,
      severity,
      bt,
      path,
      message,
    }));
    return { file, syntax: read.syntax, valid: !errors.some((v) => v.severity === 'fatal'), errors };
  } catch (err) {
    const syntax = sniffSyntax(bytes);
    const error = isFormatError(err)
      ? { code: err.code, message: err.message }
      : { code: 'INTERNAL_ERROR', message: `Erreur inattendue pendant la lecture : ${(err as Error).message}` };
    return syntax === undefined ? { file, valid: false, error } : { file, syntax, valid: false, error };
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

const SYNTAX_LABEL: Record<Syntax, string> = { UBL: 'UBL', CII: 'CII', FACTURX: 'Factur-X' };

function textReport(report: FileReport): string {
  const syntax = report.syntax ? ` (${SYNTAX_LABEL[report.syntax]})` : '';
  if ('error' in report)
    return `✗ ${report.file}${syntax} : illisible — ${report.error.message} [${report.error.code}]\n`;
  const fatal = report.errors.filter((v) => v.severity === 'fatal');
  const warnings = report.errors.length - fatal.length;
  const status = report.valid ? '✓' : '✗';
  const summary = report.valid
    ? `valide${warnings > 0 ? ` (${plural(warnings, 'avertissement', 'avertissements')})` : ''}`
    : `non valide — ${plural(fatal.length, 'erreur', 'erreurs')}${warnings > 0 ? `, ${plural(warnings, 'avertissement', 'avertissements')}` : ''}`;
  const lines = [`${status} ${report.file}${syntax} : ${summary}`];
  for (const v of report.errors) {
    const kind = v.severity === 'fatal' ? 'erreur' : 'avertissement';
    const bt = v.bt ? ` ${v.bt}` : '';
    lines.push(`    ${kind} [${v.rule}]${bt} : ${v.message}${v.path ? `\n        à ${v.path}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
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
  let valid = 0;
  for (const file of options.files) {
    const report = await validateFile(file, options.profile);
    if (report.valid) valid++;
    io.stdout(options.json ? `${JSON.stringify(report)}\n` : textReport(report));
  }
  if (!options.json && options.files.length > 1) {
    const invalid = options.files.length - valid;
    io.stdout(
      `\n${plural(options.files.length, 'fichier', 'fichiers')} : ${plural(valid, 'valide', 'valides')}, ${plural(invalid, 'non valide', 'non valides')} (profil ${options.profile}).\n`,
    );
  }
  return valid === options.files.length ? 0 : 1;
}
