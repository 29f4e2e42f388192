/**
 * Conversion between invoice syntaxes, through the EN 16931 model, with a check of what is written: the output is
 * read back and validated (EN 16931 rules, syntax bindings and schema checks) before anyone writes it to disk.
 */
import { writeCii } from './cii/write.ts';
import { writeFacturX, type FacturXOptions } from './facturx/write.ts';
import { facturXProfileOf } from './facturx/xmp-write.ts';
import { readInvoice } from './read.ts';
import type { ReadOptions, ReadResult } from './read.ts';
import { writeUbl } from './ubl/write.ts';
import type { UblWriteOptions } from './ubl/write.ts';
import { validate } from './validate/index.ts';
import type { Violation } from './validate/index.ts';
import { pathOf } from './xml/index.ts';

export type XmlTarget = 'UBL' | 'CII';
export type ConversionTarget = XmlTarget | 'FACTURX';

export interface ConvertOptions extends ReadOptions, UblWriteOptions {
  /** For a Factur-X target: the profile and the AFRelationship of the XML. */
  facturX?: FacturXOptions;
  /** The source's fatal violations, when the caller has already validated it. */
  sourceErrors?: Violation[];
}

export interface Conversion {
  /** The source as read. */
  source: ReadResult;
  /** Fatal violations of the source. */
  sourceErrors: Violation[];
  /** The document written (UTF-8 XML, or a PDF). */
  output: Uint8Array;
  /**
   * Fatal violations of the output, read back as any reader would. When the source is valid and this is not
   * empty, the conversion would turn a valid invoice into an invalid one: its output must not be used.
   */
  outputErrors: Violation[];
}

const fatal = (vs: readonly Violation[]): Violation[] => vs.filter((v) => v.severity === 'fatal');

/** Writes a read invoice in the target syntax, reads the output back and validates it. */
export async function convertRead(
  source: ReadResult,
  target: ConversionTarget,
  opts: ConvertOptions = {},
): Promise<Conversion> {
  const sourceErrors = opts.sourceErrors ?? fatal(validate(source));
  const invoice = source.invoice;
  const output =
    target === 'FACTURX'
      ? await writeFacturX(invoice, opts.facturX)
      : Buffer.from(
          target === 'UBL'
            ? writeUbl(invoice, opts.documentType === undefined ? {} : { documentType: opts.documentType })
            : writeCii(invoice),
          'utf8',
        );
  const back = await readInvoice(output);
  const outputErrors = fatal(validate(back));
  if (target === 'FACTURX') outputErrors.push(...profileErrors(back));
  return { source, sourceErrors, output, outputErrors };
}

/** Reads any supported document (UBL, CII, Factur-X PDF), writes it in the target syntax and checks the output. */
export async function convertInvoice(
  bytes: Uint8Array,
  target: ConversionTarget,
  opts: ConvertOptions = {},
): Promise<Conversion> {
  return convertRead(await readInvoice(bytes, opts), target, opts);
}

/**
 * What a Factur-X reader checks beyond the XML: the profile named by BT-24 must be a Factur-X profile, and the one
 * the XMP metadata declares (rule id FACTURX-PROFILE, raised by conversions only).
 */
function profileErrors(back: ReadResult): Violation[] {
  const bt24 = back.invoice.processControl.specificationIdentifier;
  const profile = facturXProfileOf(bt24);
  const declared = back.pdf?.xmpConformance;
  if (profile !== undefined && profile === declared) return [];
  const el = back.locations.get('BT-24') ?? back.root;
  return [
    {
      rule: 'FACTURX-PROFILE',
      severity: 'fatal',
      bt: 'BT-24',
      path: pathOf(el),
      message:
        profile === undefined
          ? `L'identifiant de spécification (BT-24) « ${bt24 ?? ''} » n'est celui d'aucun profil Factur-X.`
          : `Le profil Factur-X des métadonnées XMP (« ${declared ?? 'absent'} ») ne correspond pas à celui du BT-24 (« ${profile} »).`,
    },
  ];
}
