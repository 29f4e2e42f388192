// The edge of every request: its body is read within the size its route allows (counted while it streams in, so
// a 100 MB body to a login form costs at most that form's limit), and every text it carries (path, query, JSON,
// form fields) is checked for forbidden characters before any route sees it.
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';
import type { AppEnv } from './http.ts';
import { findInFields, findInJson, forbiddenCharacterError } from './text-input/index.ts';

export interface BodyRule {
  /** Exact path (`/connexion`), a prefix ending in `*` (`/cpro/*`), or a pattern. */
  path: string | RegExp;
  /** Method it applies to; every method when absent. */
  method?: string;
  /** Largest body, in bytes; a function when it follows a setting of the deployment. */
  maxBytes: number | ((c: Context<AppEnv>) => number);
  /** The route parses its body as JSON whatever the Content-Type says (the Chorus mirror does). */
  jsonWhateverType?: boolean;
  /** Answers a refusal in the route's own protocol (the mirror answers as Chorus does). */
  answer?: (c: Context<AppEnv>, error: AppError) => Response;
  /**
   * The route streams its body to the file store and enforces its own cap: the body is never buffered here; a
   * declared length over `maxBytes` is refused at once and the stream is cut once `maxBytes` have gone through.
   */
  streamed?: boolean;
  /** The refusal of a body over `maxBytes` in the route's own words (a deposit names the deposit limit). */
  tooLarge?: (c: Context<AppEnv>, maxBytes: number) => AppError;
}

export interface GuardOptions {
  rules: BodyRule[];
  defaultMaxBytes: number;
}

const matches = (rule: BodyRule, method: string, path: string): boolean =>
  (rule.method === undefined || rule.method === method) &&
  (rule.path instanceof RegExp
    ? rule.path.test(path)
    : rule.path.endsWith('*')
      ? path.startsWith(rule.path.slice(0, -1))
      : rule.path === path);

const megabytes = (bytes: number): string =>
  bytes >= 1024 * 1024 ? `${Math.floor(bytes / (1024 * 1024))} Mo` : `${Math.max(1, Math.floor(bytes / 1024))} Ko`;

export function bodyTooLarge(maxBytes: number): AppError {
  return new AppError(
    'PAYLOAD_TOO_LARGE',
    `Le corps de la requête dépasse la taille autorisée pour cette adresse (${megabytes(maxBytes)}).`,
    413,
    { maxBytes },
  );
}

/** Reads the body, counting while it arrives; undefined when there is none. */
async function readWithin(c: Context<AppEnv>, maxBytes: number, tooLarge: () => AppError): Promise<Buffer | undefined> {
  const raw = c.req.raw;
  if (!raw.body) return undefined;
  const declared = raw.headers.get('content-length');
  if (declared !== null && !raw.headers.has('transfer-encoding') && Number(declared) > maxBytes) throw tooLarge();
  const reader = raw.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

/** The same request whose body errors with a 413 once more than `maxBytes` have been read from it. */
function countedWithin(raw: Request, maxBytes: number, tooLarge: () => AppError): Request {
  const declared = raw.headers.get('content-length');
  if (declared !== null && !raw.headers.has('transfer-encoding') && Number(declared) > maxBytes) throw tooLarge();
  let size = 0;
  const counted = raw.body!.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength;
        if (size > maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(raw, { body: counted, duplex: 'half' } as RequestInit);
}

/** Routes read (and may limit again) a fresh copy of the body, whatever the checks above consumed. */
const withBody = (raw: Request, body: Buffer): Request => new Request(raw, { body });

const mediaTypeOf = (c: Context<AppEnv>): string =>
  (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;

async function checkBody(c: Context<AppEnv>, rule: BodyRule | undefined): Promise<void> {
  const mediaType = mediaTypeOf(c);
  if (JSON_TYPE.test(mediaType) || rule?.jsonWhateverType) {
    const text = await c.req.text();
    if (text.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError('INVALID_JSON', 'Le corps de la requête n’est pas un JSON valide.', 400);
    }
    const found = findInJson(parsed);
    if (found) throw forbiddenCharacterError(found);
    return;
  }
  if (mediaType === 'application/x-www-form-urlencoded' || mediaType === 'multipart/form-data') {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new AppError('INVALID_FORM', 'Le formulaire envoyé est illisible (corps mal formé).', 400);
    }
    const found = findInFields(form.entries(), { multiline: true });
    if (found) throw forbiddenCharacterError(found);
  }
}

function checkAddress(c: Context<AppEnv>): void {
  const found =
    findInFields([['chemin', c.req.path]], { multiline: false }) ??
    findInFields(new URL(c.req.url).searchParams.entries(), { multiline: false });
  if (found) throw forbiddenCharacterError(found);
}

export function requestGuard(options: GuardOptions): MiddlewareHandler<AppEnv> {
  return async function requestGuard(c, next) {
    const rule = options.rules.find((r) => matches(r, c.req.method, c.req.path));
    try {
      checkAddress(c);
      if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
        const limit = rule?.maxBytes ?? options.defaultMaxBytes;
        const maxBytes = typeof limit === 'function' ? limit(c) : limit;
        const raw = c.req.raw;
        const tooLarge = () => rule?.tooLarge?.(c, maxBytes) ?? bodyTooLarge(maxBytes);
        if (rule?.streamed) {
          if (raw.body) c.req.raw = countedWithin(raw, maxBytes, tooLarge);
          return await next();
        }
        const body = await readWithin(c, maxBytes, tooLarge);
        if (body !== undefined) {
          c.req.raw = withBody(raw, body);
          await checkBody(c, rule);
          c.req.raw = withBody(raw, body);
        }
      }
    } catch (error) {
      if (error instanceof AppError && rule?.answer) return rule.answer(c, error);
      throw error;
    }
    await next();
  };
}
