// The acknowledgement of a deposit (arrêté ECOM1831552A art. 2 II, COM-04): its five legal items, written as one
// canonical JSON document. These exact bytes are what the RFC 3161 token covers and what a company keeps.
import type { BidPart } from './statuses.ts';

export interface ReceiptFile {
  part: BidPart;
  fileName: string;
  size: number;
  sha256: string;
}

export interface ReceiptInput {
  depositId: string;
  /** 1. The depositing company. */
  company: { name: string; siret: string | null };
  /** 2. The buyer. */
  buyer: { name: string; siret: string | null };
  /** 3. Title and object of the consultation (and the lot). */
  consultation: { id: string; reference: string; title: string; object: string; isTest: boolean };
  lot: { number: number; title: string };
  /** 4. Date and time of receipt: the END of the upload; its start is kept for the backup-copy rule. */
  uploadStartedAt: Date;
  receivedAt: Date;
  deadline: Date;
  /** 5. The documents transmitted. */
  files: readonly ReceiptFile[];
}

export interface Receipt {
  type: 'accuse-de-reception-depot';
  version: 1;
  depositId: string;
  operateurEconomique: { nom: string; siret: string | null };
  acheteur: { nom: string; siret: string | null };
  consultation: { id: string; reference: string; titre: string; objet: string; test: boolean };
  lot: { numero: number; intitule: string };
  dateHeureReception: string;
  debutTransmission: string;
  dateLimite: string;
  horsDelai: boolean;
  documents: { enveloppe: BidPart; nom: string; taille: number; sha256: string }[];
}

export function buildReceipt(input: ReceiptInput): Receipt {
  return {
    type: 'accuse-de-reception-depot',
    version: 1,
    depositId: input.depositId,
    operateurEconomique: { nom: input.company.name, siret: input.company.siret },
    acheteur: { nom: input.buyer.name, siret: input.buyer.siret },
    consultation: {
      id: input.consultation.id,
      reference: input.consultation.reference,
      titre: input.consultation.title,
      objet: input.consultation.object,
      test: input.consultation.isTest,
    },
    lot: { numero: input.lot.number, intitule: input.lot.title },
    dateHeureReception: input.receivedAt.toISOString(),
    debutTransmission: input.uploadStartedAt.toISOString(),
    dateLimite: input.deadline.toISOString(),
    horsDelai: input.receivedAt.getTime() > input.deadline.getTime(),
    documents: input.files.map((f) => ({ enveloppe: f.part, nom: f.fileName, taille: f.size, sha256: f.sha256 })),
  };
}

/** The exact bytes time-stamped: the receipt as indented JSON, UTF-8, with a final newline. */
export const receiptBytes = (receipt: Receipt): Uint8Array =>
  new TextEncoder().encode(`${JSON.stringify(receipt, null, 2)}\n`);
