// The XML answers of S²LOW's Hélios API, element for element: `HeliosAPIResponse` (status: ISO-8859-1, declared)
// and the DOMDocument answers of the other endpoints (UTF-8, `<?xml version="1.0"?>`, indented).
import type { Context } from 'hono';
import { latin1 } from '../../platform/auth/s2low/index.ts';
import { xmlAttr } from '../domain/xml-text.ts';

type Value = string | number | null | undefined | Record<string, string | number>[];

function elements(fields: [string, Value][], indent: string): string {
  return fields
    .map(([name, value]) => {
      if (Array.isArray(value))
        return value
          .map((item) => `${indent}<${name}>\n${elements(Object.entries(item), `${indent}  `)}\n${indent}</${name}>`)
          .join('\n');
      const text = value === null || value === undefined ? '' : xmlAttr(String(value));
      return text === '' ? `${indent}<${name}/>` : `${indent}<${name}>${text}</${name}>`;
    })
    .join('\n');
}

/** A DOMDocument answer (`import`, `liste`, `transaction` of change_status, `get_retour`), UTF-8. */
export function domAnswer(c: Context, root: string, fields: [string, Value][]): Response {
  const xml = `<?xml version="1.0"?>\n<${root}>\n${elements(fields, '  ')}\n</${root}>\n`;
  return c.body(xml, 200, { 'content-type': 'text/xml' });
}

/** HeliosAPIResponse::displayAndExit: ISO-8859-1, declared so. */
export function latin1Answer(c: Context, root: string, fields: [string, Value][]): Response {
  const xml = `<?xml version="1.0" encoding="ISO-8859-1"?>\n<${root}>\n${elements(fields, '  ')}\n</${root}>\n`;
  return c.body(latin1(xml), 200, { 'content-type': 'text/xml; charset=ISO-8859-1' });
}
