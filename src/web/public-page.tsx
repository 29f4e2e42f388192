// A page anyone may open (legal pages, public directory, account recovery): in the logged-in layout when the
// visitor is logged in, in the bare layout otherwise.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../platform/http.ts';
import { BarePage } from './layout/document.tsx';
import { Page } from './layout/page.tsx';
import { sendPage } from './render.ts';
import { loadViewer } from './viewer.ts';

export async function sendPublicPage(
  c: Context<AppEnv>,
  title: string,
  children: Child,
  status: ContentfulStatusCode = 200,
): Promise<Response> {
  const actor = c.get('actor');
  if (actor?.kind === 'person') {
    const viewer = await loadViewer(c, actor);
    return sendPage(
      c,
      <Page title={title} viewer={viewer} path={c.req.path}>
        {children}
      </Page>,
      status,
    );
  }
  return sendPage(c, <BarePage title={title}>{children}</BarePage>, status);
}
