// deposerFluxFacture: a supplier's technical account deposits one invoice, or an archive of up to 500, in the syntax
// it names. Each invoice goes through the hub's own deposit verb; the flux records what each became.
import { looksLikePdf, readInvoice } from '../../../../formats/index.ts';
import type { Db } from '../../../../db/client.ts';
import { chorusMirrorFluxes, chorusMirrorFluxItems } from '../../../../db/schema/chorus.ts';
import {
  depositInvoice,
  DEFAULT_MAX_DEPOSIT_BYTES,
  routingReferencesOf,
  type InvoiceDeps,
} from '../../../invoices/index.ts';
import { AppError } from '../../../platform/errors.ts';
import {
  LIBELLE_OK_GCU,
  SYNTAXES_FLUX,
  type DeposerFluxResponse,
  type SyntaxeFlux,
} from '../../domain/api-contract.ts';
import { chorusDate } from '../../domain/dates.ts';
import { MirrorRefusal } from '../refusal.ts';
import type { MirrorSession } from '../session.ts';
import { ArchiveError, isGzip, readTarGz, type ArchiveEntry } from './archive.ts';

/** A flux decompresses to at most this many deposits' worth of bytes. */
const FLUX_DECOMPRESSED_BUDGET_FACTOR = 2;
import { fluxNumber } from './flux-number.ts';

/** An EDI flux holds at most 500 invoices. */
export const MAX_INVOICES_PER_FLUX = 500;
const BASE64 = /^[A-Za-z0-9+/\r\n]+={0,2}\s*$/;

export interface DepositFluxInput {
  fichierFlux: unknown;
  nomFichier: unknown;
  syntaxeFlux: unknown;
}

export async function depositFlux(
  deps: InvoiceDeps,
  session: MirrorSession,
  input: DepositFluxInput,
): Promise<DeposerFluxResponse> {
  if (session.role !== 'supplier')
    throw new MirrorRefusal(
      20005,
      'Ce compte technique n’est pas rattaché à une structure fournisseur : il ne peut pas déposer de factures.',
    );
  const syntaxe = input.syntaxeFlux;
  if (typeof syntaxe !== 'string' || !(syntaxe in SYNTAXES_FLUX)) {
    throw new MirrorRefusal(
      20003,
      `La syntaxe de flux « ${String(syntaxe)} » n’est pas acceptée (valeurs : ${Object.keys(SYNTAXES_FLUX).join(', ')}).`,
    );
  }
  const nomFichier = typeof input.nomFichier === 'string' ? input.nomFichier.trim() : '';
  if (nomFichier === '' || nomFichier.length > 200)
    throw new MirrorRefusal(20001, 'Le nom du fichier (nomFichier, 200 caractères au plus) est obligatoire.');
  if (typeof input.fichierFlux !== 'string' || !BASE64.test(input.fichierFlux))
    throw new MirrorRefusal(20001, 'Le fichier du flux (fichierFlux) doit être encodé en base64.');
  const bytes = new Uint8Array(Buffer.from(input.fichierFlux, 'base64'));
  const maxBytes = deps.invoices?.maxDepositBytes ?? DEFAULT_MAX_DEPOSIT_BYTES;

  let entries: ArchiveEntry[] = [];
  let technicalError: string | undefined;
  if (isGzip(bytes)) {
    try {
      entries = await readTarGz(bytes, {
        maxEntries: MAX_INVOICES_PER_FLUX,
        maxEntryBytes: maxBytes,
        maxTotalBytes: FLUX_DECOMPRESSED_BUDGET_FACTOR * maxBytes,
      });
      if (entries.length === 0) technicalError = 'L’archive du flux ne contient aucune facture.';
    } catch (error) {
      // Only our own French reasons reach the report, never a library's English text.
      const reason = error instanceof ArchiveError ? error.message : 'contenu illisible';
      technicalError = `L’archive du flux est illisible : ${reason}.`;
    }
  } else {
    entries = [{ name: nomFichier, bytes }];
  }

  const at = deps.clock.now();
  const [flux] = await deps.db
    .insert(chorusMirrorFluxes)
    .values({
      supplierId: session.structureId,
      accountId: session.account.id,
      syntaxeFlux: syntaxe,
      fileName: nomFichier,
      technicalErrors: technicalError
        ? [{ codeErreur: 'FLUX_ILLISIBLE', libelleErreur: technicalError, natureErreur: 'TECHNIQUE' }]
        : [],
      depositedAt: at,
    })
    .returning({ sequence: chorusMirrorFluxes.sequence });
  if (!flux) throw new Error('insert into chorus_mirror_fluxes returned no row');

  for (const [position, entry] of entries.entries()) {
    await depositEntry(deps, session, flux.sequence, position + 1, entry, syntaxe as SyntaxeFlux);
  }
  return {
    codeRetour: 0,
    libelle: LIBELLE_OK_GCU,
    numeroFluxDepot: fluxNumber(flux.sequence),
    dateDepot: chorusDate(at),
    syntaxeFlux: syntaxe,
  };
}

async function depositEntry(
  deps: InvoiceDeps,
  session: MirrorSession,
  fluxSequence: number,
  position: number,
  entry: ArchiveEntry,
  syntaxe: SyntaxeFlux,
): Promise<void> {
  const mismatch = syntaxMismatch(entry.bytes, syntaxe);
  if (mismatch) {
    await recordItem(deps.db, {
      fluxSequence,
      position,
      fileName: entry.name,
      depositId: null,
      invoiceId: null,
      ...(await identify(entry.bytes)),
      refusalMessage: mismatch,
    });
    return;
  }
  let result;
  try {
    result = await depositInvoice({
      ctx: { deps: deps, actor: session.actor },
      input: {
        supplierId: session.structureId,
        bytes: entry.bytes,
        fileName: entry.name,
        channel: 'chorus_mirror',
      },
    });
  } catch (error) {
    // Not a deposit at all (a file over the size limit): the flux reports it with the others.
    if (!(error instanceof AppError)) throw error;
    await recordItem(deps.db, {
      fluxSequence,
      position,
      fileName: entry.name,
      depositId: null,
      invoiceId: null,
      invoiceNumber: null,
      buyerIdentifier: null,
      refusalMessage: error.message,
    });
    return;
  }
  await recordItem(deps.db, {
    fluxSequence,
    position,
    fileName: entry.name,
    depositId: result.depositId,
    ...(result.outcome === 'accepted'
      ? { invoiceId: result.invoiceId, invoiceNumber: result.number, buyerIdentifier: result.buyer.siret }
      : { invoiceId: null, ...(await identify(entry.bytes)) }),
    refusalMessage: result.outcome === 'refused' ? result.message : null,
  });
}

function recordItem(db: Db, item: typeof chorusMirrorFluxItems.$inferInsert) {
  return db.insert(chorusMirrorFluxItems).values(item);
}

/**
 * The invoice number (BT-1) and recipient SIRET of a refused file, when it can be read at all: the report lists
 * refused invoices by number (`numeroDP`), which is how clients (Odoo) find the invoice to detach and fix.
 */
async function identify(bytes: Uint8Array): Promise<{ invoiceNumber: string | null; buyerIdentifier: string | null }> {
  try {
    const { invoice } = await readInvoice(bytes);
    return {
      invoiceNumber: invoice.number?.trim() || null,
      buyerIdentifier: routingReferencesOf(invoice).buyerSiret,
    };
  } catch {
    return { invoiceNumber: null, buyerIdentifier: null };
  }
}

/** The file must be what `syntaxeFlux` announces; a Factur-X flux carries a PDF, the others an XML of that syntax. */
function syntaxMismatch(bytes: Uint8Array, syntaxe: SyntaxeFlux): string | undefined {
  const expected = SYNTAXES_FLUX[syntaxe].syntax;
  if (expected === 'PES' || expected === 'XCBL' || expected === 'CPP') {
    const name = { PES: 'PES Facture', XCBL: 'xCBL', CPP: 'CPP facture minimale' }[expected];
    return `Le flux ${syntaxe} (${name}) n’est pas traité par cette plateforme : déposez la facture en UBL 2.1 (IN_DP_E1_UBL_INVOICE), CII D16B (IN_DP_E1_CII_16B) ou Factur-X (IN_DP_E2_CII_FACTURX).`;
  }
  if (expected === 'FACTURX')
    return looksLikePdf(bytes) ? undefined : `Le flux ${syntaxe} doit contenir une facture Factur-X (PDF/A-3).`;
  if (looksLikePdf(bytes)) return `Le flux ${syntaxe} doit contenir une facture XML, pas un PDF.`;
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8');
  const isUbl = /urn:oasis:names:specification:ubl:schema:xsd:(Invoice|CreditNote)-2/.test(head);
  const isCii = /urn:un:unece:uncefact:data:standard:CrossIndustryInvoice/.test(head);
  if (expected === 'UBL' && !isUbl)
    return `Le flux ${syntaxe} doit contenir une facture UBL 2.1 (Invoice ou CreditNote).`;
  if (expected === 'CII' && !isCii)
    return `Le flux ${syntaxe} doit contenir une facture CII D16B (CrossIndustryInvoice).`;
  return undefined;
}
