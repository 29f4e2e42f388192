// How Pastell reads a Chorus pivot (module facture-cpp, lib/ExtraireDonneesPivot.class.php): the same paths, the
// same fields, and its handling of attachments (base64 content, unpacked when it is a ZIP; TypePJ 01 is the
// invoice, 02 a complementary document; the first PDF becomes the invoice's PDF).
import { inflateRawSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';

type Node = Record<string, unknown>;
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', parseTagValue: false });

const text = (v: unknown): string => {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return String((v as Node)['#text'] ?? '');
  return String(v);
};
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The files of a ZIP, from its central directory (stored or deflated entries). */
export function unzip(bytes: Uint8Array): { name: string; bytes: Uint8Array }[] {
  const b = Buffer.from(bytes);
  const end = b.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('not a zip');
  const count = b.readUInt16LE(end + 10);
  let at = b.readUInt32LE(end + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const method = b.readUInt16LE(at + 10);
    const compressed = b.readUInt32LE(at + 20);
    const nameLength = b.readUInt16LE(at + 28);
    const extra = b.readUInt16LE(at + 30);
    const comment = b.readUInt16LE(at + 32);
    const local = b.readUInt32LE(at + 42);
    const name = b.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const start = local + 30 + b.readUInt16LE(local + 26) + b.readUInt16LE(local + 28);
    const data = b.subarray(start, start + compressed);
    out.push({ name, bytes: new Uint8Array(method === 8 ? inflateRawSync(data) : data) });
    at += 46 + nameLength + extra + comment;
  }
  return out;
}

export interface PastellPivotImport {
  fournisseur: Record<string, string>;
  debiteur: Record<string, string>;
  donneesFacture: Record<string, string>;
  pj01: { name: string; bytes: Uint8Array }[];
  pj02: { name: string; bytes: Uint8Array }[];
  fichierFacturePdf: { name: string; bytes: Uint8Array } | undefined;
}

/** What Pastell takes from the first `CPPFacturePivotUnitaire` of a pivot. */
export function readPivotAsPastell(xml: string): PastellPivotImport {
  const doc = parser.parse(xml) as Node;
  const root = doc.CPPFacturePivot as Node;
  const unit = list((root.CPPFactures as Node).CPPFacturePivotUnitaire as Node | Node[])[0] as Node;
  const f = unit.Fournisseur as Node;
  const bank = (f.ReferenceBancaire ?? {}) as Node;
  const d = unit.Debiteur as Node;
  const df = unit.DonneesFacture as Node;
  const mode = (df.ModePaiement ?? {}) as Node;
  const amounts = (df.Montants ?? {}) as Node;
  const engagement = (df.Engagement ?? {}) as Node;
  const pj01: PastellPivotImport['pj01'] = [];
  const pj02: PastellPivotImport['pj02'] = [];
  let pdf: PastellPivotImport['fichierFacturePdf'];
  for (const pj of list(unit.PJ as Node | Node[])) {
    let content: Uint8Array = new Uint8Array(Buffer.from(text(pj.Contenu), 'base64'));
    // Pastell unpacks a ZIP content and keeps the file under the PJ's name.
    if (content[0] === 0x50 && content[1] === 0x4b) content = unzip(content)[0]?.bytes ?? content;
    const file = { name: text(pj.NomPJ), bytes: content };
    const isPdf = Buffer.from(content.subarray(0, 5)).toString('latin1') === '%PDF-';
    if (text(pj.TypePJ) === '01') {
      pj01.push(file);
      if (!pdf && isPdf) pdf = file;
    }
    if (text(pj.TypePJ) === '02') {
      pj02.push(file);
      if (!pdf && isPdf && file.name.startsWith('PJ00')) pdf = file;
    }
  }
  return {
    fournisseur: {
      fournisseur_type_id: text(f.TypeIdentifiant),
      fournisseur: text(f.Identifiant),
      fournisseur_raison_sociale: text(f.RaisonSociale),
      fournisseur_code_pays: text(f.CodePays),
      fournisseur_ref_bancaire_type: text(bank['@Type']),
      fournisseur_ref_bancaire_compte: text(bank.Compte),
      fournisseur_ref_bancaire_etablissement: text(bank.Etablissement),
      fournisseur_mode_emission: text(f.ModeEmission),
    },
    debiteur: {
      siret: text(d.Identifiant),
      destinataire_nom: text(d.Nom),
      service_destinataire_code: text(d.CodeService),
    },
    donneesFacture: {
      no_facture: text(df.Id),
      facture_type: text(df.Type),
      facture_cadre: text(df.Cadre),
      date_facture: text(df.DateEmissionFacture),
      facture_date_reception: text(df.DateReception),
      facture_mode_paiement_code: text(mode.Code),
      facture_mode_paiement_libelle: text(mode.Libelle),
      facture_devise: text(df.Devise),
      facture_montant_ht: text(amounts.MontantHT),
      montant_ttc: text(amounts.MontantTTC),
      facture_montant_net: text(amounts.MontantNetAPayer),
      facture_numero_marche: text(engagement.NumeroMarche),
      facture_numero_engagement: text(engagement.NumeroEngagement),
    },
    pj01,
    pj02,
    fichierFacturePdf: pdf,
  };
}
