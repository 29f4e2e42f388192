// Errors on portal pages answer with a French HTML page (same 404 whether a thing is absent or not visible). A page
// that needs a login sends to the login page; a form posted after the session expired is kept to be sent again.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isDatabaseUnavailable } from '../platform/database-unavailable.ts';
import { AppError, RetryLaterError } from '../platform/errors.ts';
import type { AppEnv } from '../platform/http.ts';
import { BarePage } from './layout/document.tsx';
import { Page } from './layout/page.tsx';
import { sendPage } from './render.ts';
import { LoginRequired } from './guard.ts';
import { loginAgainPath } from './replay/keep-expired-post.ts';
import { loadViewer } from './viewer.ts';

interface Shown {
  status: ContentfulStatusCode;
  title: string;
  message: string;
}

const SERVER_ERROR: Shown = {
  status: 500,
  title: 'Erreur du service',
  message:
    'Une erreur interne est survenue. Réessayez plus tard ; si le problème persiste, communiquez l’identifiant ci-dessous au support.',
};

function describe(error: Error): Shown {
  if (error instanceof AppError) {
    if (error.status === 404)
      return {
        status: 404,
        title: 'Page introuvable',
        message: 'Cette page n’existe pas, ou vous n’y avez pas accès. Vérifiez l’adresse, ou repartez de l’accueil.',
      };
    if (error.status === 403) return { status: 403, title: 'Accès refusé', message: error.message };
    if (error.status === 405)
      return { status: 405, title: 'Action impossible à cette adresse', message: error.message };
    return { status: error.status, title: 'Demande impossible', message: error.message };
  }
  if (error instanceof HTTPException) {
    if (error.status === 413)
      return {
        status: 413,
        title: 'Fichier trop volumineux',
        message: 'Le fichier ou le formulaire envoyé dépasse la taille autorisée.',
      };
    if (error.status < 500)
      return {
        status: error.status as ContentfulStatusCode,
        title: 'Demande impossible',
        message: 'La demande n’a pas pu être traitée telle qu’elle a été envoyée.',
      };
  }
  if (isDatabaseUnavailable(error))
    return {
      status: 503,
      title: 'Service momentanément indisponible',
      message:
        'La base de données est momentanément indisponible. Réessayez dans quelques instants ; rien n’a été enregistré.',
    };
  return SERVER_ERROR;
}

export async function portalError(error: Error, c: Context<AppEnv>): Promise<Response> {
  if (error instanceof LoginRequired || (error instanceof AppError && error.status === 401)) {
    return c.redirect(await loginAgainPath(c, error instanceof LoginRequired ? error.next : c.req.path), 303);
  }
  const shown = describe(error);
  if (shown.status >= 500) c.get('deps')?.logger.error({ err: error, requestId: c.get('requestId') }, 'page error');
  if (error instanceof RetryLaterError) c.header('Retry-After', String(error.retryAfterSeconds));
  const body = (
    <>
      <h1>{shown.title}</h1>
      <p role="alert">{shown.message}</p>
      <p class="muted">Identifiant de requête : {c.get('requestId') ?? '—'}</p>
      <p>
        <a href="/">Retour à l’accueil</a> · <a href="/aide">Aide et contact</a>
      </p>
    </>
  );
  const actor = c.get('actor');
  if (actor?.kind === 'person') {
    const viewer = await loadViewer(c, actor).catch(() => undefined);
    if (viewer)
      return sendPage(
        c,
        <Page title={shown.title} viewer={viewer} path={c.req.path}>
          {body}
        </Page>,
        shown.status,
      );
  }
  return sendPage(c, <BarePage title={shown.title}>{body}</BarePage>, shown.status);
}
