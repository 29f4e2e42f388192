// /chorus: health of the Chorus Pro connections, for the operator.
import { Hono } from 'hono';
import { chorusCredentialReport } from '../sync/credential-health.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewerWith } from '../../web/guard.ts';
import { sendPage } from '../../web/render.ts';
import { ChorusHealthPage } from './chorus-health-page.tsx';

export const chorusPages = new Hono<AppEnv>().get('/chorus', async (c) => {
  const viewer = await requireViewerWith(c, 'operator');
  const deps = c.get('deps');
  return sendPage(
    c,
    <ChorusHealthPage viewer={viewer} report={await chorusCredentialReport(deps.db, deps.clock.now())} />,
  );
});
