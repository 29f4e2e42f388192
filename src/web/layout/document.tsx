// The HTML document every page of the portal shares: French, responsive, the stylesheet, a skip link.
import type { Child } from 'hono/jsx';

export const SITE_NAME = 'Hub e-administration Bretagne';
export const STYLESHEET = '/static/hub.css';
export const SCRIPT = '/static/hub.js';

export interface DocumentProps {
  /** What the page is about; the site name is appended. */
  title: string;
  children: Child;
  /** Further skip links after « Aller au contenu », to the parts of a long page (an invoice's actions). */
  skipLinks?: readonly { href: string; label: string }[] | undefined;
}

export function Document(props: DocumentProps) {
  return (
    <html lang="fr">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} – ${SITE_NAME}`}</title>
        <link rel="stylesheet" href={STYLESHEET} />
        <script src={SCRIPT} defer />
      </head>
      <body>
        <a class="skip-link" href="#contenu">
          Aller au contenu
        </a>
        {(props.skipLinks ?? []).map((l) => (
          <a class="skip-link" href={l.href}>
            {l.label}
          </a>
        ))}
        {props.children}
      </body>
    </html>
  );
}

/** The page without navigation: login, and error pages for people not logged in. */
export function BarePage(props: DocumentProps) {
  return (
    <Document title={props.title}>
      <header class="site-header" role="banner">
        <div class="wrap">
          <a class="brand" href="/">
            {SITE_NAME}
          </a>
        </div>
      </header>
      <main id="contenu" class="wrap narrow" tabindex={-1}>
        {props.children}
      </main>
      <Footer />
    </Document>
  );
}

export function Footer() {
  return (
    <footer class="site-footer" role="contentinfo">
      <div class="wrap">
        <p>Hub régional d’administration numérique – syndicat mixte des collectivités bretonnes.</p>
        <ul class="footer-links">
          <li>
            <a href="/accessibilite">Accessibilité : non conforme</a>
          </li>
          <li>
            <a href="/mentions-legales">Mentions légales</a>
          </li>
          <li>
            <a href="/donnees-personnelles">Données personnelles</a>
          </li>
          <li>
            <a href="/aide">Aide et contact</a>
          </li>
          <li>
            <a href="/annuaire-destinataires">Annuaire des destinataires</a>
          </li>
          <li>
            <a href="/api/docs">API et intégration</a>
          </li>
        </ul>
      </div>
    </footer>
  );
}
