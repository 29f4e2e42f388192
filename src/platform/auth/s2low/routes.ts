// The connection endpoints every S²LOW client calls first: the nonce, the connection test, who is connected.
import { Hono } from 'hono';
import type { AppEnv } from '../../http.ts';
import { s2lowActor, s2lowAuth } from './middleware.ts';
import { issueNonce } from './nonces.ts';
import { s2lowOk } from './plain-text.ts';
import type { S2lowAuthSettings } from './settings.ts';

export function s2lowAuthRoutes(settings: S2lowAuthSettings): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/api/get-nounce.php', async (c) =>
    c.json({ nounce: await issueNonce(c.get('deps'), settings.nonceTtlMs) }),
  );
  routes.use('/api/test-connexion.php', s2lowAuth(settings));
  routes.get('/api/test-connexion.php', (c) => s2lowOk(c, 'Connexion réussie.'));
  routes.use('/api/info-connexion.php', s2lowAuth(settings));
  routes.get('/api/info-connexion.php', (c) => {
    const actor = s2lowActor(c);
    if (actor.kind !== 'person') return c.json({ type: actor.kind });
    return c.json({ login: actor.email, name: actor.displayName, grants: actor.grants });
  });
  return routes;
}
