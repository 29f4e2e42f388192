// A module's 32-byte seal secret: from its environment variable (base64) in production, else from a key file under
// DATA_DIR created once (0600) for embedded defaults. Read once per process.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { AppError } from '../errors.ts';

const loaded = new Map<string, Buffer>();

export function sealSecretFromEnvironment(variable: string, keyFileName: string): Buffer {
  const known = loaded.get(variable);
  if (known) return known;
  const text = process.env[variable];
  let secret: Buffer;
  if (text) {
    secret = Buffer.from(text, 'base64');
    if (secret.length !== 32)
      throw new AppError('CONFIGURATION', `${variable} doit contenir 32 octets encodés en base64.`, 500);
  } else {
    const file = join(resolve(process.env['DATA_DIR'] ?? './data'), keyFileName);
    if (!existsSync(file)) {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
      chmodSync(file, 0o600);
    }
    secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
  }
  loaded.set(variable, secret);
  return secret;
}
