// PES files are ISO-8859-1 (S²LOW refuses others): characters outside Latin-1 (’, œ, €) become character
// references, which every XML reader decodes back, so nothing typed is lost.

export function encodePes(xml: string): Uint8Array {
  const latin1 = xml.replace(/[^\u0000-\u00ff]/gu, (ch) => `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`);
  return new Uint8Array(Buffer.from(latin1, 'latin1'));
}
