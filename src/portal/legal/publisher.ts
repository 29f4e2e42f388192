// Who publishes the hub and how to reach them: the facts the legal pages, the help page and e-mails repeat. A
// deployment changes them here (one place), with its own legal identity.
import { HUB_SYNDICAT } from '../../directory/index.ts';

export const PUBLISHER = {
  name: HUB_SYNDICAT.name,
  shortName: 'le syndicat',
  address: '15 rue Claude Chappe, 35510 Cesson-Sévigné',
  siren: HUB_SYNDICAT.siren,
  director: 'le président du syndicat',
  supportEmail: 'assistance@hub-e-administration.bzh',
  supportPhone: '02 99 00 00 00',
  supportHours: 'du lundi au vendredi, de 9 h à 12 h 30 et de 13 h 30 à 17 h (hors jours fériés)',
  accessibilityEmail: 'accessibilite@hub-e-administration.bzh',
  dpoEmail: 'dpo@hub-e-administration.bzh',
  dpoPostal: 'Délégué à la protection des données, 15 rue Claude Chappe, 35510 Cesson-Sévigné',
  host: 'hébergement en France par le syndicat, sur des serveurs situés dans ses locaux de Cesson-Sévigné',
} as const;

/** The date of the accessibility statement; it changes with each review. */
export const ACCESSIBILITY_STATEMENT_DATE = '3 décembre 2026';
