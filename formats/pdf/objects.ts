// Type-safe, non-throwing access to pdf-lib objects of a parsed document.
import {
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  type PDFContext,
  type PDFObject,
} from 'pdf-lib';
import { decodeStream, type FilterStep } from './filters.ts';

/** Follows references (bounded: a reference chain cannot loop forever). */
export function resolve(context: PDFContext, obj: PDFObject | undefined): PDFObject | undefined {
  let current = obj;
  for (let i = 0; i < 16 && current instanceof PDFRef; i++) current = context.lookup(current);
  return current instanceof PDFRef ? undefined : current;
}

export function dictOf(context: PDFContext, obj: PDFObject | undefined): PDFDict | undefined {
  const v = resolve(context, obj);
  return v instanceof PDFDict ? v : undefined;
}

export function arrayOf(context: PDFContext, obj: PDFObject | undefined): PDFArray | undefined {
  const v = resolve(context, obj);
  return v instanceof PDFArray ? v : undefined;
}

export function streamOf(context: PDFContext, obj: PDFObject | undefined): PDFRawStream | undefined {
  const v = resolve(context, obj);
  return v instanceof PDFRawStream ? v : undefined;
}

export function get(context: PDFContext, dict: PDFDict, key: string): PDFObject | undefined {
  return resolve(context, dict.get(PDFName.of(key)));
}

export function nameOf(context: PDFContext, obj: PDFObject | undefined): string | undefined {
  const v = resolve(context, obj);
  return v instanceof PDFName ? v.decodeText() : undefined;
}

export function numberOf(context: PDFContext, obj: PDFObject | undefined): number | undefined {
  const v = resolve(context, obj);
  return v instanceof PDFNumber ? v.asNumber() : undefined;
}

/** A PDF text string (PDFDocEncoding or UTF-16BE with BOM) as a JS string. */
export function textOf(context: PDFContext, obj: PDFObject | undefined): string | undefined {
  const v = resolve(context, obj);
  if (v instanceof PDFString || v instanceof PDFHexString) {
    try {
      return v.decodeText();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The filter chain of a stream dictionary (Filter may be a name or an array of names). */
export function filtersOf(context: PDFContext, dict: PDFDict): FilterStep[] {
  const filter = get(context, dict, 'Filter');
  const parms = get(context, dict, 'DecodeParms');
  const names: (string | undefined)[] = [];
  const params: (PDFObject | undefined)[] = [];
  if (filter instanceof PDFName) {
    names.push(filter.decodeText());
    params.push(parms instanceof PDFArray ? parms.get(0) : parms);
  } else if (filter instanceof PDFArray) {
    const size = Math.min(filter.size(), 9);
    for (let i = 0; i < size; i++) {
      names.push(nameOf(context, filter.get(i)));
      params.push(parms instanceof PDFArray && i < parms.size() ? parms.get(i) : undefined);
    }
  }
  return names.map((name, i) => ({ name: name ?? '?', params: numericEntries(context, dictOf(context, params[i])) }));
}

function numericEntries(context: PDFContext, dict: PDFDict | undefined): Record<string, number> {
  const out: Record<string, number> = {};
  if (!dict) return out;
  for (const [key, value] of dict.entries()) {
    const n = numberOf(context, value);
    if (n !== undefined) out[key.decodeText()] = n;
  }
  return out;
}

/** The decoded content of a stream, limited to `maxBytes`. */
export function streamBytes(context: PDFContext, stream: PDFRawStream, maxBytes: number): Uint8Array {
  return decodeStream(stream.contents, filtersOf(context, stream.dict), maxBytes);
}
