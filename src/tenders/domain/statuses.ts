// The life of a consultation, as its workflow drives it.
export const CONSULTATION_STATUSES = [
  /** Being written by the buyer; invisible to companies. */
  'draft',
  /** Published: documents downloadable, questions open, deposits accepted until the deadline. */
  'published',
  /** The deadline passed (the workflow's timer): deposits after it are kept and marked late. */
  'closed',
  /** An authorised agent opened the bids; analysis runs. */
  'opened',
  /** Every lot awarded; letters sent to the unsuccessful; the standstill runs. */
  'awarded',
  /** Contracts notified to the winners; DECP published. */
  'notified',
] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

export const CONSULTATION_STATUS_LABELS: Record<ConsultationStatus, string> = {
  draft: 'Brouillon',
  published: 'En cours (dépôts ouverts)',
  closed: 'Clôturée (dépôts fermés)',
  opened: 'Plis ouverts',
  awarded: 'Attribuée (délai de suspension)',
  notified: 'Notifiée',
};

/** The two envelopes of a bid, opened in this order (candidatures, then offers). */
export const BID_PARTS = ['candidature', 'offre'] as const;
export type BidPart = (typeof BID_PARTS)[number];

export const isBidPart = (value: string): value is BidPart => (BID_PARTS as readonly string[]).includes(value);
