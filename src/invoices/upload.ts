// Reading an uploaded invoice file from a request: a raw body (XML or PDF) or a multipart form with a `file` field.
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { structuresWithRole, verifyCsrf, type Actor } from '../platform/auth/index.ts';
import { errorBody } from '../platform/error-handler.ts';
import { AppError, forbidden, invalidInput } from '../platform/errors.ts';
import type { AppEnv } from '../platform/http.ts';
import { maxDepositBytes, type InvoiceDeps } from './settings.ts';

export interface UploadedFile {
  bytes: Uint8Array;
  fileName: string | undefined;
}

const RAW_TYPES = ['application/xml', 'text/xml', 'application/pdf', 'application/octet-stream'];
/** Room for the multipart envelope around the file. */
const MULTIPART_OVERHEAD = 64 * 1024;

const mediaTypeOf = (c: Context<AppEnv>): string =>
  (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

/** Stops bodies over the deposit limit while they stream in: 413 with a French message. */
export function uploadLimit(): MiddlewareHandler<AppEnv> {
  return (c, next) => {
    const limit = maxDepositBytes(c.get('deps') as InvoiceDeps);
    return bodyLimit({
      maxSize: limit + MULTIPART_OVERHEAD,
      onError: (ctx) =>
        ctx.json(
          errorBody(
            ctx,
            'FILE_TOO_LARGE',
            `Le fichier dépasse la taille maximale d’une facture déposée (${Math.floor(limit / (1024 * 1024))} Mo).`,
          ),
          413,
        ),
    })(c, next);
  };
}

/** Forms posted with a session cookie must carry the session's CSRF token (header X-CSRF-Token or field `_csrf`). */
export async function checkCsrf(c: Context<AppEnv>): Promise<void> {
  if (!c.get('authSession')) return;
  let submitted: unknown = c.req.header('x-csrf-token');
  if (submitted === undefined && mediaTypeOf(c) === 'multipart/form-data')
    submitted = (await c.req.parseBody())['_csrf'];
  verifyCsrf(c, submitted);
}

export async function readUpload(c: Context<AppEnv>, fileNameParam: string | undefined): Promise<UploadedFile> {
  const mediaType = mediaTypeOf(c);
  if (mediaType === 'multipart/form-data') {
    const body = await c.req.parseBody();
    const file = body['file'];
    if (!(file instanceof File))
      throw invalidInput('Le formulaire doit contenir le fichier de la facture dans le champ « file ».');
    return { bytes: new Uint8Array(await file.arrayBuffer()), fileName: file.name || fileNameParam };
  }
  if (RAW_TYPES.includes(mediaType)) {
    return { bytes: new Uint8Array(await c.req.arrayBuffer()), fileName: fileNameParam };
  }
  throw new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Type de contenu non pris en charge : envoyez la facture en application/xml, application/pdf, ou en multipart/form-data (champ « file »).',
    415,
  );
}

/** The supplier the deposit is for: named by X-Supplier-Id or `supplierId`, or the only one the actor acts for. */
export function chooseSupplier(actor: Actor, named: string | undefined): string {
  if (named) return named;
  const suppliers = structuresWithRole(actor, 'supplier');
  if (suppliers.length === 1) return suppliers[0]!;
  if (suppliers.length === 0) throw forbidden('Seul un fournisseur peut déposer une facture.');
  throw invalidInput(
    'Vous agissez pour plusieurs fournisseurs : précisez lequel avec l’en-tête X-Supplier-Id ou le paramètre supplierId.',
  );
}
