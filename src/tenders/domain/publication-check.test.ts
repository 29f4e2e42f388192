import { describe, expect, it } from 'vitest';
import { publicationProblems, type PublicationCandidate } from './publication-check.ts';
import { buildReceipt, receiptBytes } from './receipt.ts';
import { lotProblems, totalAmount } from './lots.ts';

const now = new Date('2026-05-04T08:00:00Z'); // Monday 4 May 2026, 10:00 Paris
const base: PublicationCandidate = {
  procedure: "Appel d'offres ouvert",
  nature: 'supplies',
  estimatedAmount: '300000.00',
  circumstances: { electronicSubmission: true, priorInformationNotice: false, justifiedUrgency: false },
  lots: [{ number: 1, deadline: new Date('2026-06-03T10:00:00Z') }],
  isTest: false,
};

describe('publication check', () => {
  it('accepts an open call with 30 days of electronic deposit', () => {
    expect(publicationProblems(base, now)).toEqual([]);
  });

  it('refuses a deadline one day short of the minimum, naming the lot and the text', () => {
    const problems = publicationProblems(
      { ...base, lots: [{ number: 1, deadline: new Date('2026-06-02T10:00:00Z') }] },
      now,
    );
    expect(problems).toEqual([expect.objectContaining({ code: 'DEADLINE_TOO_SOON', field: 'lots[1].deadline' })]);
    expect(problems[0]?.message).toContain('30 jours (CCP R. 2161-3 2°)');
  });

  it('refuses an adapted procedure at the 2026 formalised threshold', () => {
    const problems = publicationProblems({ ...base, procedure: 'Procédure adaptée', estimatedAmount: '216000' }, now);
    expect(problems.map((p) => p.code)).toEqual(['PROCEDURE_ABOVE_THRESHOLD']);
    expect(publicationProblems({ ...base, procedure: 'Procédure adaptée', estimatedAmount: '215999.99' }, now)).toEqual(
      [],
    );
  });

  it('refuses a past deadline even for a test consultation, and skips the legal delays for it', () => {
    const soon = { number: 1, deadline: new Date(now.getTime() + 10_000) };
    expect(publicationProblems({ ...base, isTest: true, lots: [soon] }, now)).toEqual([]);
    const past = { number: 1, deadline: new Date(now.getTime() - 1) };
    expect(publicationProblems({ ...base, isTest: true, lots: [past] }, now).map((p) => p.code)).toEqual([
      'DEADLINE_PAST',
    ]);
  });
});

describe('lots', () => {
  it('names each faulty field', () => {
    const lots = [
      { number: 1, title: 'Papier', cpv: '30192000', estimatedAmount: '1000.50', deadline: now },
      { number: 3, title: ' ', cpv: '301', estimatedAmount: '1,5', deadline: new Date('x') },
    ];
    expect(lotProblems(lots).map((p) => p.field)).toEqual([
      'lots[1].number',
      'lots[1].title',
      'lots[1].cpv',
      'lots[1].estimatedAmount',
      'lots[1].deadline',
    ]);
    expect(totalAmount([{ estimatedAmount: '0.10' }, { estimatedAmount: '0.20' }])).toBe('0.30');
  });
});

describe('receipt', () => {
  it('carries the five legal items and is byte-stable', () => {
    const receipt = buildReceipt({
      depositId: 'd1',
      company: { name: 'Armor Bureautique', siret: '12345678900011' },
      buyer: { name: 'Rennes', siret: '21350238800019' },
      consultation: { id: 'c1', reference: '2026-001', title: 'Fournitures', object: 'Papier et toner', isTest: false },
      lot: { number: 1, title: 'Papier' },
      uploadStartedAt: new Date('2026-06-03T09:59:00Z'),
      receivedAt: new Date('2026-06-03T10:00:01Z'),
      deadline: new Date('2026-06-03T10:00:00Z'),
      files: [
        {
          part: 'offre',
          fileName: 'offre.pdf',
          size: 12,
          sha256: 'ab'.repeat(32),
          scan: { result: 'clean', detail: 'sain' },
        },
        {
          part: 'offre',
          fileName: 'annexe.zip',
          size: 68,
          sha256: 'cd'.repeat(32),
          scan: { result: 'infected', detail: 'infecté : Eicar-Test-Signature' },
        },
        {
          part: 'offre',
          fileName: 'prix.xlsx',
          size: 9,
          sha256: 'ef'.repeat(32),
          scan: { result: 'failed', detail: 'analyse impossible : antivirus injoignable' },
        },
      ],
    });
    expect(receipt).toMatchObject({
      operateurEconomique: { nom: 'Armor Bureautique' },
      acheteur: { nom: 'Rennes' },
      consultation: { titre: 'Fournitures', objet: 'Papier et toner' },
      dateHeureReception: '2026-06-03T10:00:01.000Z',
      horsDelai: true,
      documents: [
        {
          enveloppe: 'offre',
          nom: 'offre.pdf',
          taille: 12,
          sha256: 'ab'.repeat(32),
          antivirus: { resultat: 'sain', detail: 'sain' },
        },
        { nom: 'annexe.zip', antivirus: { resultat: 'infecte', detail: 'infecté : Eicar-Test-Signature' } },
        {
          nom: 'prix.xlsx',
          antivirus: {
            resultat: 'analyse_differee',
            detail: 'analyse impossible : antivirus injoignable ; le fichier sera analysé avant l’ouverture',
          },
        },
      ],
      avertissements: [
        'Le fichier « annexe.zip » est signalé par l’antivirus (infecté : Eicar-Test-Signature) : il est mis en ' +
          'quarantaine, reste scellé et ne sera pas ouvert. Vous pouvez déposer un nouveau pli, sans ce fichier, ' +
          'avant la date limite.',
      ],
    });
    expect(new TextDecoder().decode(receiptBytes(receipt))).toBe(`${JSON.stringify(receipt, null, 2)}\n`);
  });
});
