// What the file-to-file commands (`hub convert`, `hub render`) share: usage handling, then read, transform, write,
// each failure one French line on stderr.
import { readFile, writeFile } from 'node:fs/promises';
import { isFormatError } from '../../formats/index.ts';
import type { Io } from './io.ts';

/** Exit code for `--help` (0) or a usage error (2); undefined when the arguments were parsed. */
export function usageExit<T extends object>(parsed: T | string, usage: string, io: Io): parsed is string {
  if (parsed === 'help') io.stdout(usage);
  else if (typeof parsed === 'string') io.stderr(`${parsed}\n${usage}`);
  return typeof parsed === 'string';
}

export function usageExitCode(parsed: string): number {
  return parsed === 'help' ? 0 : 2;
}

/**
 * Reads `input`, transforms it (undefined: the transform has already said why it refused), writes `output`.
 * `activity` names the step in an unexpected-error message ("la conversion", "le rendu").
 */
export async function transformFile(
  paths: { input: string; output: string },
  io: Io,
  activity: string,
  transform: (bytes: Uint8Array) => Promise<Uint8Array | undefined>,
): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(paths.input);
  } catch (err) {
    io.stderr(`Impossible de lire ${paths.input} : ${(err as Error).message}\n`);
    return 1;
  }
  let output: Uint8Array | undefined;
  try {
    output = await transform(bytes);
  } catch (err) {
    io.stderr(
      isFormatError(err)
        ? `${paths.input} : ${err.message} [${err.code}]\n`
        : `${paths.input} : erreur inattendue pendant ${activity} (${(err as Error).message})\n`,
    );
    return 1;
  }
  if (!output) return 1;
  try {
    await writeFile(paths.output, output);
  } catch (err) {
    io.stderr(`Impossible d’écrire ${paths.output} : ${(err as Error).message}\n`);
    return 1;
  }
  return 0;
}
