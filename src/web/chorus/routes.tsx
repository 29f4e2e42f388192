// /chorus: health of the Chorus Pro connections, for the operator.
import { Hono } from 'hono';
import { chorusCredentialReport } from '../../chorus/index.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewerWith } from '../guard.ts';
import { sendPage } from '../render.ts';
import { ChorusHealthPage } from './chorus-health-page.tsx';

export const chorusHealthRoutes = new Hono<AppEnv>().get('/chorus', async (c) => {
  const viewer = await requireViewerWith(c, 'operator');
  const deps = c.get('deps');
  return sendPage(c, <ChorusHealthPage viewer={viewer} report={await chorusCredentialReport(deps.db, deps.clock.now())} />);
});
