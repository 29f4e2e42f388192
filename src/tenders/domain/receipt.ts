// The acknowledgement of a deposit (arrêté ECOM1831552A art. 2 II, COM-04): its five legal items, written as one
// canonical JSON document. These exact bytes are what the RFC 3161 token covers and what a company keeps. Each
// document also carries its antivirus verdict at receipt (AV-01), and an infected one a warning to the company.
import type { BidPart } from './statuses.ts';

/** The antivirus results, as the platform's scanner gives them. */
export type ReceiptScanResult = 'clean' | 'infected' | 'not_scanned' | 'failed';

export interface ReceiptFile {
  part: BidPart;
  fileName: string;
  size: number;
  sha256: string;
  scan: { result: ReceiptScanResult; detail: string };
}

const SCAN_WORDS: Record<ReceiptScanResult, ReceiptAntivirus['resultat']> = {
  clean: 'sain',
  infected: 'infecte',
  not_scanned: 'non_analyse',
  failed: 'analyse_differee',
};

export interface ReceiptAntivirus {
  resultat: 'sain' | 'infecte' | 'non_analyse' | 'analyse_differee';
  detail: string;
}

/** What the company reads about a file found infected at receipt. */
export const quarantineWarning = (fileName: string, detail: string): string =>
  `Le fichier « ${fileName} » est signalé par l’antivirus (${detail}) : il est mis en quarantaine, reste scellé et ` +
  'ne sera pas ouvert. ' +
  'Vous pouvez déposer un nouveau pli, sans ce fichier, avant la date limite.';

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
  version: 2;
  depositId: string;
  operateurEconomique: { nom: string; siret: string | null };
  acheteur: { nom: string; siret: string | null };
  consultation: { id: string; reference: string; titre: string; objet: string; test: boolean };
  lot: { numero: number; intitule: string };
  dateHeureReception: string;
  debutTransmission: string;
  dateLimite: string;
  horsDelai: boolean;
  documents: { enveloppe: BidPart; nom: string; taille: number; sha256: string; antivirus: ReceiptAntivirus }[];
  /** In French: each file put in quarantine, and what the company may do. */
  avertissements: string[];
}

export function buildReceipt(input: ReceiptInput): Receipt {
  return {
    type: 'accuse-de-reception-depot',
    version: 2,
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
    documents: input.files.map((f) => ({
      enveloppe: f.part,
      nom: f.fileName,
      taille: f.size,
      sha256: f.sha256,
      antivirus: {
        resultat: SCAN_WORDS[f.scan.result],
        detail:
          f.scan.result === 'failed' ? `${f.scan.detail} ; le fichier sera analysé avant l’ouverture` : f.scan.detail,
      },
    })),
    avertissements: input.files
      .filter((f) => f.scan.result === 'infected')
      .map((f) => quarantineWarning(f.fileName, f.scan.detail)),
  };
}

/** The exact bytes time-stamped: the receipt as indented JSON, UTF-8, with a final newline. */
export const receiptBytes = (receipt: Receipt): Uint8Array =>
  new TextEncoder().encode(`${JSON.stringify(receipt, null, 2)}\n`);
