// Page access: a logged-in person, holding the role the page is for. Anonymous visitors are sent to the login page.
import type { Context } from 'hono';
import type { Role } from '../platform/auth/index.ts';
import { AppError } from '../platform/errors.ts';
import type { AppEnv } from '../platform/http.ts';
import { loadViewer, type Viewer } from './viewer.ts';

/** Thrown when a page needs a login; the portal's error handler redirects to `/connexion?next=…`. */
export class LoginRequired extends Error {
  constructor(readonly next: string) {
    super('login required');
  }
}

const ROLE_PAGES: Record<Role, string> = {
  supplier: 'aux fournisseurs',
  accountant: 'aux comptables des collectivités',
  agent: 'aux agents des collectivités',
  operator: 'à l’opérateur du hub',
};

/** The person looking at the page, or a redirection to the login page. */
export async function requireViewer(c: Context<AppEnv>): Promise<Viewer> {
  const actor = c.get('actor');
  if (!actor) throw new LoginRequired(c.req.path + (new URL(c.req.url).search || ''));
  if (actor.kind !== 'person')
    throw new AppError('FORBIDDEN', 'Les pages du portail sont réservées aux personnes connectées.', 403);
  return loadViewer(c, actor);
}

/** The viewer, who must hold one of `roles` (403 page otherwise). */
export async function requireViewerWith(c: Context<AppEnv>, ...roles: Role[]): Promise<Viewer> {
  const viewer = await requireViewer(c);
  if (!roles.some((r) => viewer.roles.includes(r))) {
    throw new AppError('FORBIDDEN', `Cette page est réservée ${roles.map((r) => ROLE_PAGES[r]).join(' et ')}.`, 403);
  }
  return viewer;
}
