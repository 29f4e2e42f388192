// Errors on portal pages answer with a French HTML page (same 404 whether a thing is absent or not visible).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, RetryLaterError } from '../platform/errors.ts';
import type { AppEnv } from '../platform/http.ts';
import { BarePage } from './layout/document.tsx';
import { Page } from './layout/page.tsx';
import { sendPage } from './render.ts';
import { LoginRequired } from './guard.ts';
import { loadViewer } from './viewer.ts';

interface Shown {
  status: ContentfulStatusCode;
  title: string;
  message: string;
}

function describe(error: Error): Shown {
  if (error instanceof AppError) {
    if (error.status === 404)
      return {
        status: 404,
        title: 'Page introuvable',
        message: 'Cette page n’existe pas, ou vous n’y avez pas accès.',
      };
    if (error.status === 403) return { status: 403, title: 'Accès refusé', message: error.message };
    return { status: error.status, title: 'Demande impossible', message: error.message };
  }
  return {
    status: 500,
    title: 'Erreur du service',
    message:
      'Une erreur interne est survenue. Réessayez plus tard ; si le problème persiste, communiquez l’identifiant ci-dessous au support.',
  };
}

export async function portalError(error: Error, c: Context<AppEnv>): Promise<Response> {
  if (error instanceof LoginRequired || (error instanceof AppError && error.status === 401)) {
    const next = error instanceof LoginRequired ? error.next : c.req.path;
    return c.redirect(`/connexion?next=${encodeURIComponent(next)}`, 303);
  }
  if (!(error instanceof AppError))
    c.get('deps')?.logger.error({ err: error, requestId: c.get('requestId') }, 'page error');
  const shown = describe(error);
  if (error instanceof RetryLaterError) c.header('Retry-After', String(error.retryAfterSeconds));
  const body = (
    <>
      <h1>{shown.title}</h1>
      <p role="alert">{shown.message}</p>
      <p class="muted">Identifiant de requête : {c.get('requestId') ?? '—'}</p>
      <p>
        <a href="/">Retour à l’accueil</a>
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
