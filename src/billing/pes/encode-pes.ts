// PES files are ISO-8859-1 (S²LOW refuses others): characters outside Latin-1 (’, œ, €) become character
// references, which every XML reader decodes back, so nothing typed is lost.

export function encodePes(xml: string): Uint8Array {
  let out = '';
  for (const ch of xml) {
    const code = ch.codePointAt(0)!;
    out += code > 0xff ? `&#x${code.toString(16).toUpperCase()};` : ch;
  }
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
