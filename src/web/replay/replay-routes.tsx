// `/reprise/:jeton`: a form kept when its session expired, shown to its own person once logged in again.
import { Hono } from 'hono';
import { REPLAY_PATH, takeFormReplay } from '../../platform/auth/index.ts';
import type { AppEnv } from '../../platform/http.ts';
import { requireViewer } from '../guard.ts';
import { sendPage } from '../render.ts';
import { ReplayPage } from './replay-page.tsx';

export const replayRoutes = new Hono<AppEnv>().get(`${REPLAY_PATH}/:jeton`, async (c) => {
  const viewer = await requireViewer(c);
  const replay = await takeFormReplay(c.get('deps'), viewer.actor.personId, c.req.param('jeton'));
  // The token is in this page's URL: it must not leak to another site through the Referer.
  c.header('Referrer-Policy', 'no-referrer');
  return sendPage(c, <ReplayPage viewer={viewer} replay={replay} path={c.req.path} />);
});
