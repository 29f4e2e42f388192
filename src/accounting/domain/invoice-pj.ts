// How an invoice of the hub travels as a PES_PJ: a stable IdUnique derived from the invoice (and, for its
// attachments, from their hash), a PJRef on the mandate line, or RefCompta when the line's bordereau is already
// signed and cannot be touched.
import { leafV, xmlAttr } from './xml-text.ts';

export const invoicePjId = (invoiceId: string): string => `HUBF${invoiceId.replace(/-/g, '').toUpperCase()}`;
export const attachmentPjId = (invoiceId: string, sha256: string): string =>
  `HUBA${invoiceId.replace(/-/g, '').slice(0, 20).toUpperCase()}${sha256.slice(0, 20).toUpperCase()}`;

export const pjRefXml = (idUnique: string): string =>
  `<PJRef>${leafV('Support', '01')}${leafV('IdUnique', idUnique)}</PJRef>`;

/** A file name Hélios accepts: [A-Za-z0-9._-], an extension of at most 4 characters. */
export function pjFileName(base: string, mediaType: string, fallbackExtension = 'bin'): string {
  const extension =
    mediaType === 'application/pdf'
      ? 'pdf'
      : /xml/.test(mediaType)
        ? 'xml'
        : /png/.test(mediaType)
          ? 'png'
          : /jpe?g/.test(mediaType)
            ? 'jpg'
            : fallbackExtension;
  const stem =
    base
      .replace(/\.[A-Za-z0-9]{1,5}$/, '')
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .slice(0, 90) || 'piece';
  return `${stem}.${extension}`;
}

export interface RefCompta {
  exer: string;
  typBord: string;
  idPce: string;
  idLigne: string;
}

export function pjElementXml(pj: {
  idUnique: string;
  nomPJ: string;
  mimeType: string;
  description: string;
  base64: string;
  refCompta?: RefCompta;
}): string {
  const ref = pj.refCompta
    ? `<RefCompta>${leafV('Domaine', '01')}${leafV('Exercice', pj.refCompta.exer)}${leafV('TypeObjet', pj.refCompta.typBord)}${leafV('Identifiant', pj.refCompta.idPce)}${leafV('ComplementIdentifiant', pj.refCompta.idLigne)}</RefCompta>`
    : '';
  return `<PJ><Contenu><Fichier MIMEType="${xmlAttr(pj.mimeType)}">${pj.base64}</Fichier></Contenu>${leafV('IdUnique', pj.idUnique)}${leafV('NomPJ', pj.nomPJ)}${leafV('TypePJ', '003')}${leafV('Description', pj.description.slice(0, 250))}${ref}</PJ>`;
}
