// The navigation each person sees, from the roles they hold.
import type { Role } from '../../platform/auth/index.ts';

export interface NavItem {
  href: string;
  label: string;
}

const BY_ROLE: Record<Role, NavItem[]> = {
  supplier: [
    { href: '/factures/saisir', label: 'Saisir une facture' },
    { href: '/factures/deposer', label: 'Déposer une facture' },
    { href: '/factures', label: 'Mes factures' },
    { href: '/factures/depots', label: 'Mes dépôts' },
    { href: '/mon-entreprise/utilisateurs', label: 'Utilisateurs de l’entreprise' },
    { href: '/consultations', label: 'Consultations' },
    { href: '/mes-lettres', label: 'Lettres des acheteurs' },
  ],
  accountant: [
    { href: '/a-traiter', label: 'Factures reçues' },
    { href: '/flux-comptables', label: 'Flux comptables' },
  ],
  agent: [
    { href: '/a-traiter', label: 'Factures reçues' },
    { href: '/flux-comptables', label: 'Flux comptables' },
    { href: '/actes', label: 'Actes' },
    { href: '/acheteur/consultations', label: 'Mes consultations' },
  ],
  operator: [
    { href: '/annuaire', label: 'Annuaire' },
    { href: '/annuaire/epci', label: 'EPCI membres' },
    { href: '/comptes/personnes', label: 'Personnes' },
    { href: '/comptes/clients-api', label: 'Clients API' },
    { href: '/chorus', label: 'Connexions Chorus Pro' },
    { href: '/cotisations', label: 'Contributions des membres' },
    { href: '/operateur/journal', label: 'Journal des opérations' },
    { href: '/operateur/flux-comptables', label: 'Flux comptables bloqués' },
    { href: '/operateur/actes', label: 'Transmission des actes' },
    { href: '/operateur/consultations-a-ouvrir', label: 'Consultations à ouvrir' },
  ],
};

export function navigationFor(roles: readonly Role[]): NavItem[] {
  const items: NavItem[] = [{ href: '/', label: 'Accueil' }];
  for (const role of roles)
    for (const item of BY_ROLE[role]) if (!items.some((i) => i.href === item.href)) items.push(item);
  items.push({ href: '/notifications', label: 'Notifications' });
  return items;
}

/** The item a path belongs to: the longest matching prefix. */
export function currentItem(items: readonly NavItem[], path: string): NavItem | undefined {
  return items
    .filter((i) => (i.href === '/' ? path === '/' : path === i.href || path.startsWith(`${i.href}/`)))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
