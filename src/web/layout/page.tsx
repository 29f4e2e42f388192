// The page of a logged-in person: header with their name and structures, navigation by role, content, footer.
import type { Child } from 'hono/jsx';
import { CSRF_FIELD } from '../../platform/auth/index.ts';
import type { Viewer } from '../viewer.ts';
import { Document, Footer, SITE_NAME } from './document.tsx';
import { currentItem, navigationFor } from './navigation.ts';

export interface PageProps {
  title: string;
  viewer: Viewer;
  /** Request path, to mark the current navigation item. */
  path: string;
  children: Child;
  skipLinks?: readonly { href: string; label: string }[] | undefined;
}

const ROLE_LABELS = {
  supplier: 'fournisseur',
  accountant: 'comptable',
  agent: 'agent',
  operator: 'opérateur',
} as const;

export function Page(props: PageProps) {
  const items = navigationFor(props.viewer.roles);
  const current = currentItem(items, props.path);
  return (
    <Document title={props.title} skipLinks={props.skipLinks}>
      <header class="site-header" role="banner">
        <div class="wrap header-row">
          <a class="brand" href="/">
            {SITE_NAME}
          </a>
          <div class="who">
            <p class="who-name">{props.viewer.name}</p>
            <p class="who-structures">
              {props.viewer.structures.map((s, i) => (
                <span>
                  {i > 0 ? ' · ' : ''}
                  {s.name} ({s.roles.map((r) => ROLE_LABELS[r]).join(', ')})
                </span>
              ))}
            </p>
            <form method="post" action="/deconnexion" class="logout">
              <input type="hidden" name={CSRF_FIELD} value={props.viewer.csrfToken} />
              <button type="submit" class="button-link">
                Se déconnecter
              </button>
            </form>
          </div>
        </div>
        <nav class="site-nav" aria-label="Navigation principale">
          <ul class="wrap">
            {items.map((item) => (
              <li>
                <a href={item.href} aria-current={item === current ? 'page' : undefined}>
                  {item.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="contenu" class="wrap" tabindex={-1}>
        {props.children}
      </main>
      <Footer />
    </Document>
  );
}
