// A bearer token for a seeded OAuth client, through the hub's own token endpoint (client credentials).
import type { createApp } from '../../src/app.ts';

export async function clientCredentialsToken(
  app: ReturnType<typeof createApp>,
  clientId: string,
  clientSecret: string,
): Promise<string> {
  const res = await app.request('/api/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: clientSecret,
    }).toString(),
  });
  if (res.status !== 200) throw new Error(`token for ${clientId}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}
