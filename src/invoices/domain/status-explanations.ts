// The Chorus Pro status names say little to a craftsman or a part-time secretary: what each one means, in plain
// French, and who has to act next.
import type { InvoiceStatus } from './contract.ts';

export const STATUS_EXPLANATIONS: Readonly<Record<InvoiceStatus, string>> = {
  DEPOSEE: 'La facture est reçue par le hub ; ses contrôles sont en cours.',
  EN_COURS_ACHEMINEMENT: 'La facture est contrôlée et part vers la collectivité destinataire.',
  MISE_A_DISPOSITION:
    'La collectivité a reçu la facture : c’est à elle d’agir. Le délai légal de paiement court depuis cette date.',
  SERVICE_FAIT:
    'La collectivité confirme que les biens ou services facturés ont bien été livrés ou exécutés ; elle prépare le paiement.',
  SUSPENDUE:
    'La collectivité attend un complément du fournisseur (pièce manquante, précision) ; le délai de paiement est arrêté.',
  COMPLETEE: 'Le fournisseur a envoyé le complément demandé ; la facture est de nouveau chez la collectivité.',
  A_RECYCLER: 'La facture n’était pas pour ce destinataire : le fournisseur doit indiquer le bon destinataire.',
  REJETEE: 'La collectivité refuse la facture, définitivement : le fournisseur doit en émettre une nouvelle.',
  MANDATEE: 'La collectivité a émis l’ordre de payer (le mandat) et l’a transmis au comptable public.',
  MISE_A_DISPOSITION_COMPTABLE: 'Le comptable public (le Trésor) a reçu la facture et le mandat pour les vérifier.',
  COMPTABILISEE: 'Le comptable public a vérifié et enregistré la dépense ; le paiement va partir.',
  MISE_EN_PAIEMENT: 'Le paiement est envoyé au fournisseur : la facture est réglée.',
};
