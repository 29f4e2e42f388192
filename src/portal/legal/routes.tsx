// The pages a French public platform must have, open without login: `/accessibilite`, `/mentions-legales`,
// `/donnees-personnelles`, and the help and contact page `/aide`.
import { Hono } from 'hono';
import type { AppEnv } from '../../platform/http.ts';
import { sendPublicPage } from '../../web/public-page.tsx';
import { AccessibilityStatement } from './accessibility-page.tsx';
import { HelpPage } from './help-page.tsx';
import { LegalNotice } from './legal-notice-page.tsx';
import { PersonalDataPage } from './personal-data-page.tsx';

export const legalPages = new Hono<AppEnv>()
  .get('/accessibilite', (c) => sendPublicPage(c, 'Déclaration d’accessibilité', <AccessibilityStatement />))
  .get('/mentions-legales', (c) => sendPublicPage(c, 'Mentions légales', <LegalNotice />))
  .get('/donnees-personnelles', (c) => sendPublicPage(c, 'Données personnelles', <PersonalDataPage />))
  .get('/aide', (c) => sendPublicPage(c, 'Aide et contact', <HelpPage />));
