import { describe, expect, it } from 'vitest';
import type { ActingParty, InvoiceStatus } from './contract.ts';
import {
  allowedActions,
  canTransition,
  checkAccountantAction,
  checkSupplierAction,
  TRANSITIONS,
  type TransitionSubject,
} from './transitions.ts';

const BUYER = 'buyer-1';
const SUPPLIER = 'supplier-1';
const accountant: ActingParty = { actor: 'person:a', actorName: 'A', role: 'accountant', structureIds: [BUYER] };
const supplier: ActingParty = { actor: 'person:s', actorName: 'S', role: 'supplier', structureIds: [SUPPLIER] };
const at = (status: InvoiceStatus, madeAvailableOn = '2026-03-02'): TransitionSubject => ({
  status,
  buyerId: BUYER,
  supplierId: SUPPLIER,
  madeAvailableOn,
});

const targets = (from: InvoiceStatus) =>
  TRANSITIONS.filter((t) => t.from === from)
    .map((t) => `${t.by}:${t.to}`)
    .sort();

describe('transition matrix of a simple invoice', () => {
  it('lets only the platform route a deposited invoice', () => {
    expect(targets('DEPOSEE')).toEqual(['system:EN_COURS_ACHEMINEMENT']);
    expect(targets('EN_COURS_ACHEMINEMENT')).toEqual(['system:MISE_A_DISPOSITION']);
  });

  it('from MISE_A_DISPOSITION (and COMPLETEE) the recipient may take any later step, suspend, reject or recycle', () => {
    const expected = [
      'accountant:A_RECYCLER',
      'accountant:COMPTABILISEE',
      'accountant:MANDATEE',
      'accountant:MISE_A_DISPOSITION_COMPTABLE',
      'accountant:MISE_EN_PAIEMENT',
      'accountant:REJETEE',
      'accountant:SERVICE_FAIT',
      'accountant:SUSPENDUE',
    ];
    expect(targets('MISE_A_DISPOSITION')).toEqual(expected);
    expect(targets('COMPLETEE')).toEqual(expected);
  });

  it('after SERVICE_FAIT no recycling; after the payment order (MANDATEE) no suspension nor rejection', () => {
    expect(targets('SERVICE_FAIT')).toEqual([
      'accountant:COMPTABILISEE',
      'accountant:MANDATEE',
      'accountant:MISE_A_DISPOSITION_COMPTABLE',
      'accountant:MISE_EN_PAIEMENT',
      'accountant:REJETEE',
      'accountant:SUSPENDUE',
    ]);
    expect(targets('MANDATEE')).toEqual([
      'accountant:COMPTABILISEE',
      'accountant:MISE_A_DISPOSITION_COMPTABLE',
      'accountant:MISE_EN_PAIEMENT',
    ]);
    expect(targets('COMPTABILISEE')).toEqual(['accountant:MISE_EN_PAIEMENT']);
  });

  it('the supplier completes a suspended invoice and re-routes a recycled one; terminal statuses lead nowhere', () => {
    expect(targets('SUSPENDUE')).toEqual(['accountant:REJETEE', 'supplier:COMPLETEE']);
    expect(targets('A_RECYCLER')).toEqual(['supplier:DEPOSEE']);
    expect(targets('REJETEE')).toEqual([]);
    expect(targets('MISE_EN_PAIEMENT')).toEqual([]);
    expect(canTransition('MISE_A_DISPOSITION', 'SERVICE_FAIT', 'supplier')).toBe(false);
  });
});

describe('allowedActions', () => {
  it('offers each side its buttons', () => {
    expect(allowedActions('SUSPENDUE', 'supplier').map((a) => a.kind)).toEqual(['COMPLETEE']);
    expect(allowedActions('A_RECYCLER', 'supplier')).toEqual([
      { kind: 'REROUTE', to: 'DEPOSEE', label: 'Corriger le destinataire', motiveRequired: false },
    ]);
    expect(allowedActions('SUSPENDUE', 'accountant').map((a) => [a.kind, a.motiveRequired])).toEqual([
      ['REJETEE', true],
    ]);
    expect(allowedActions('MANDATEE', 'accountant').map((a) => a.kind)).toEqual([
      'MISE_A_DISPOSITION_COMPTABLE',
      'COMPTABILISEE',
      'MISE_EN_PAIEMENT',
    ]);
    expect(allowedActions('MISE_A_DISPOSITION', 'operator')).toEqual([]);
    expect(allowedActions('MISE_A_DISPOSITION', 'supplier')).toEqual([]);
  });
});

describe('checkAccountantAction', () => {
  it('accepts a legal action by the recipient accountant', () => {
    expect(checkAccountantAction(at('MISE_A_DISPOSITION'), accountant, { kind: 'SERVICE_FAIT' })).toBeUndefined();
    expect(
      checkAccountantAction(at('SERVICE_FAIT'), accountant, { kind: 'MANDATEE', mandateNumber: 'M1' }),
    ).toBeUndefined();
  });

  it('refuses the wrong role, the wrong structure, then an illegal transition, in that order', () => {
    expect(
      checkAccountantAction(at('MANDATEE'), { ...accountant, role: 'agent' }, { kind: 'SERVICE_FAIT' })?.code,
    ).toBe('WRONG_ROLE');
    expect(
      checkAccountantAction(at('MANDATEE'), { ...accountant, structureIds: ['other'] }, { kind: 'SERVICE_FAIT' })?.code,
    ).toBe('WRONG_STRUCTURE');
    expect(checkAccountantAction(at('MANDATEE'), accountant, { kind: 'SERVICE_FAIT' })).toEqual({
      code: 'ILLEGAL_TRANSITION',
      message:
        'Action impossible : la facture est au statut « Mandatée » et ne peut pas passer au statut « Service fait ».',
    });
  });

  it('counts the motive in characters, not bytes, and trims it', () => {
    expect(
      checkAccountantAction(at('MISE_A_DISPOSITION'), accountant, { kind: 'SUSPENDUE', motive: '😀'.repeat(255) }),
    ).toBeUndefined();
    expect(
      checkAccountantAction(at('MISE_A_DISPOSITION'), accountant, { kind: 'SUSPENDUE', motive: '😀'.repeat(256) })
        ?.code,
    ).toBe('MOTIVE_TOO_LONG');
    expect(
      checkAccountantAction(at('MISE_A_DISPOSITION'), accountant, { kind: 'A_RECYCLER', motive: ' \n ' })?.message,
    ).toBe('Le motif est obligatoire pour renvoyer une facture au fournisseur.');
  });

  it('requires a real payment date, not before the invoice was made available', () => {
    const pay = (paymentDate: string) =>
      checkAccountantAction(at('COMPTABILISEE'), accountant, { kind: 'MISE_EN_PAIEMENT', paymentDate });
    expect(pay('2026-03-02')).toBeUndefined();
    expect(pay('2026-13-01')?.code).toBe('PAYMENT_DATE_INVALID');
    expect(pay('02/03/2026')?.code).toBe('PAYMENT_DATE_INVALID');
    expect(pay('2026-03-01')).toEqual({
      code: 'PAYMENT_DATE_TOO_EARLY',
      message: 'La date de mise en paiement ne peut pas précéder la mise à disposition de la facture (02/03/2026).',
    });
  });
});

describe('checkSupplierAction', () => {
  it('requires something to complete with, and valid attachment hashes', () => {
    expect(
      checkSupplierAction(at('SUSPENDUE'), supplier, { kind: 'COMPLETEE', comment: ' ', attachments: [] })?.code,
    ).toBe('COMPLETION_EMPTY');
    expect(
      checkSupplierAction(at('SUSPENDUE'), supplier, { kind: 'COMPLETEE', comment: '', attachments: ['xyz'] })?.code,
    ).toBe('ATTACHMENT_INVALID');
    expect(
      checkSupplierAction(at('SUSPENDUE'), supplier, { kind: 'COMPLETEE', comment: '', attachments: ['0'.repeat(64)] }),
    ).toBeUndefined();
  });

  it('re-routes only a recycled invoice, to a 14-digit SIRET, and only for its supplier', () => {
    expect(
      checkSupplierAction(at('A_RECYCLER'), supplier, { kind: 'REROUTE', buyerSiret: '21350238800019' }),
    ).toBeUndefined();
    expect(checkSupplierAction(at('A_RECYCLER'), supplier, { kind: 'REROUTE', buyerSiret: '2135' })?.code).toBe(
      'RECIPIENT_INVALID',
    );
    expect(
      checkSupplierAction(at('MISE_A_DISPOSITION'), supplier, { kind: 'REROUTE', buyerSiret: '21350238800019' })?.code,
    ).toBe('ILLEGAL_TRANSITION');
    expect(
      checkSupplierAction(
        at('A_RECYCLER'),
        { ...supplier, structureIds: [BUYER] },
        { kind: 'REROUTE', buyerSiret: '21350238800019' },
      )?.code,
    ).toBe('WRONG_STRUCTURE');
    expect(
      checkSupplierAction(at('A_RECYCLER'), accountant, { kind: 'REROUTE', buyerSiret: '21350238800019' })?.code,
    ).toBe('WRONG_ROLE');
  });
});
