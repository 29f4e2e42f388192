// Cheap look at the root element of an XML document, without parsing it.

const SNIFF_BYTES = 64 * 1024;

/** Local name of the root element, or undefined when it cannot be found in the first bytes. */
export function rootLocalName(xml: Uint8Array): string | undefined {
  const text = decodeHead(xml.subarray(0, SNIFF_BYTES));
  let i = 0;
  // Skip the XML declaration, processing instructions, comments, DOCTYPE and whitespace.
  for (let guard = 0; guard < 10_000; guard++) {
    i = text.indexOf('<', i);
    if (i < 0) return undefined;
    const next = text[i + 1];
    if (next === '?') {
      const end = text.indexOf('?>', i + 2);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (next === '!') {
      const end = text.indexOf('>', i + 2);
      if (end < 0) return undefined;
      i = end + 1;
    } else {
      const match = /^<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)/.exec(text.slice(i, i + 300));
      return match?.[2];
    }
  }
  return undefined;
}

function decodeHead(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
}
