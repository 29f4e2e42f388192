import { describe, expect, it } from 'vitest';
import { actStatuses } from '../../../db/schema/acts.ts';
import { checkActe, checkEnvelope, listedFiles } from '../protocol/checks.ts';
import { parseMinistryMessage } from '../protocol/inbound.ts';
import { readXml } from '../protocol/xml-read.ts';
import { DEMO_CLASSIFICATION } from '../demo-classification.ts';
import { addMonths, daysLeft, legalityWindowEnd } from './legality-window.ts';
import { acteXml, envelopeXml } from './messages.ts';
import { anomalieActeXml, arActeXml, letterXml, retourClassificationXml } from './ministry-messages.ts';
import { actStem, archiveFileName, envelopeFileName, ID_ACTE, messageFileName, pieceFileName } from './names.ts';
import { ACT_NUMBER, sniffExtension } from './rules.ts';
import { ACT_STATUSES, s2lowStatus } from './statuses.ts';

const key = {
  departement: '035',
  siren: '213502388',
  decisionDate: '2026-03-12',
  number: 'DEL2026_017',
  nature: 1 as const,
};

describe('names', () => {
  it('writes the IDActe stem, message, piece, envelope and archive names as S²LOW does', () => {
    expect(actStem(key)).toBe('035-213502388-20260312-DEL2026_017-DE');
    expect(ID_ACTE.test(actStem(key))).toBe(true);
    expect(messageFileName(key, '1-1')).toBe('035-213502388-20260312-DEL2026_017-DE-1-1_0.xml');
    expect(pieceFileName(key, '1-1', '99_DE', 1, 'pdf')).toBe('99_DE-035-213502388-20260312-DEL2026_017-DE-1-1_1.pdf');
    expect(envelopeFileName('EACT', '213502388', '2026-03-12', 7)).toBe('EACT--213502388--20260312-7.xml');
    expect(archiveFileName('HUB', 'EACT', '213502388', '2026-03-12', 7)).toBe('HUB-EACT--213502388--20260312-7.tar.gz');
  });

  it('accepts the numbers S²LOW accepts and nothing else', () => {
    for (const ok of ['D2026_001', 'A', '123456789012345']) expect(ACT_NUMBER.test(ok)).toBe(true);
    for (const bad of ['d2026', '_A', 'A_', '1234567890123456', 'A-1', '']) expect(ACT_NUMBER.test(bad)).toBe(false);
  });

  it('recognises PDF, JPEG, PNG and XML by their first bytes', () => {
    expect(sniffExtension(new TextEncoder().encode('%PDF-1.7\n'))).toBe('pdf');
    expect(sniffExtension(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('png');
    expect(sniffExtension(new TextEncoder().encode('<?xml version="1.0"?>'))).toBe('xml');
    expect(sniffExtension(new TextEncoder().encode('PK\x03\x04'))).toBeUndefined();
  });
});

describe('the 1-1 message and its envelope', () => {
  const acte = acteXml({
    decisionDate: '2026-03-12',
    number: 'DEL2026_017',
    nature: 1,
    matieres: [7, 1],
    object: 'Budget primitif 2026 : taxe & redevances — « été » €',
    classificationDate: '2026-01-05',
    documentFile: '99_DE-035-213502388-20260312-DEL2026_017-DE-1-1_1.pdf',
    annexFiles: ['99_DE-035-213502388-20260312-DEL2026_017-DE-1-1_2.pdf'],
  });
  const envelope = envelopeXml({
    sender: {
      siren: '213502388',
      departement: '035',
      arrondissement: '0',
      collectivityNature: '31',
      referent: { name: 'Agent', email: 'agent@rennes.example' },
    },
    returnAddresses: ['actes@demo.hub.bzh'],
    forms: ['035-213502388-20260312-DEL2026_017-DE-1-1_0.xml'],
  });

  it('is ISO-8859-1 with the ACTES namespace and prefixed attributes, characters outside Latin-1 as references', () => {
    const text = Buffer.from(acte).toString('latin1');
    expect(text.startsWith('<?xml version="1.0" encoding="ISO-8859-1"?>')).toBe(true);
    expect(text).toContain('xmlns:actes="http://www.interieur.gouv.fr/ACTES#v1.1-20040216"');
    expect(text).toContain('actes:NumeroInterne="DEL2026_017"');
    expect(text).toContain('&amp; redevances &#8212; « été » &#8364;');
    expect(Buffer.from(acte).includes(0xe9)).toBe(true);
    const node = readXml(acte);
    expect(node.children.find((c) => c.name === 'Objet')?.text).toBe(
      'Budget primitif 2026 : taxe & redevances — « été » €',
    );
  });

  it('passes the structural checks of the XSD; a wrong annex count, order or pattern does not', () => {
    expect(checkActe(readXml(acte))).toEqual([]);
    expect(checkEnvelope(readXml(envelope))).toEqual([]);
    expect(listedFiles(readXml(acte))).toHaveLength(2);
    const wrongCount = Buffer.from(
      Buffer.from(acte).toString('latin1').replace('actes:Nombre="1"', 'actes:Nombre="2"'),
      'latin1',
    );
    expect(checkActe(readXml(wrongCount)).map((v) => v.path)).toEqual(['/Acte/Annexes/@Nombre']);
    const unprefixed = Buffer.from(
      Buffer.from(envelope).toString('latin1').replace('actes:Departement="035"', 'Departement="035"'),
      'latin1',
    );
    expect(checkEnvelope(readXml(unprefixed))[0]?.path).toBe('/EnveloppeCLMISILL/Emetteur/IDCL/@Departement');
    const badDpt = Buffer.from(
      Buffer.from(envelope).toString('latin1').replace('actes:Departement="035"', 'actes:Departement="35"'),
      'latin1',
    );
    expect(checkEnvelope(readXml(badDpt))[0]?.message).toMatch(/invalide/);
    const noObjet = Buffer.from(
      Buffer.from(acte)
        .toString('latin1')
        .replace(/<actes:Objet>.*<\/actes:Objet>/, ''),
      'latin1',
    );
    expect(checkActe(readXml(noObjet)).map((v) => v.path)).toContain('/Acte/Objet');
  });

  it('refuses a DTD', () => {
    expect(() => readXml(new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x/>'))).toThrow(
      /DTD/,
    );
  });
});

describe('the ministry messages', () => {
  const echo = { decisionDate: '2026-03-12', number: 'DEL2026_017', nature: 1, matieres: [7, 1], object: 'Budget' };
  it('reads 1-2 with its IDActe and reception date, 1-3 with its reason, 3-1 and 7-2', () => {
    expect(
      parseMinistryMessage(arActeXml('035-213502388-20260312-DEL2026_017-DE', '2026-03-13', echo, '2026-01-05')),
    ).toMatchObject({
      code: '1-2',
      idActe: '035-213502388-20260312-DEL2026_017-DE',
      receivedOn: '2026-03-13',
      act: { number: 'DEL2026_017', decisionDate: '2026-03-12', nature: 1 },
    });
    expect(
      parseMinistryMessage(anomalieActeXml('2026-03-13', '101', 'Classification inconnue', echo, '2026-01-05')),
    ).toMatchObject({
      code: '1-3',
      detail: 'Classification inconnue',
    });
    expect(parseMinistryMessage(letterXml('3-1', 'X', '2026-04-02', 'Le contrat signé', 'f.pdf'))).toEqual({
      code: '3-1',
      idActe: 'X',
      letterDate: '2026-04-02',
      text: 'Le contrat signé',
      files: ['f.pdf'],
    });
    const classification = parseMinistryMessage(retourClassificationXml(DEMO_CLASSIFICATION));
    expect(classification.code).toBe('7-2');
    if (classification.code === '7-2') {
      expect(classification.classificationDate).toBe('2026-01-05');
      expect(classification.matieres[6]?.children[0]?.code).toBe('7.1');
      expect(classification.natures[0]?.typologies[0]?.code).toBe('99_DE');
    }
  });
});

describe('the legality window (CGCT L2131-6)', () => {
  it('ends two months after reception, on a working day', () => {
    expect(addMonths('2026-12-31', 2)).toBe('2027-02-28');
    expect(legalityWindowEnd('2026-03-13')).toBe('2026-05-13');
    // 2026-03-16 + 2 months = Saturday 16 May → Monday 18 May.
    expect(legalityWindowEnd('2026-03-16')).toBe('2026-05-18');
    expect(daysLeft('2026-05-13', '2026-05-10')).toBe(3);
  });
});

describe('statuses', () => {
  it('are the schema enum, and map to S²LOW numbers', () => {
    expect([...ACT_STATUSES]).toEqual([...actStatuses]);
    expect(s2lowStatus('TRANSMIS', false)).toBe(3);
    expect(s2lowStatus('ACQUITTE', false)).toBe(4);
    expect(s2lowStatus('ACQUITTE', true)).toBe(7);
    expect(s2lowStatus('ERREUR', false)).toBe(-1);
  });
});
