import { describe, expect, it } from 'vitest';
import { pesFlowStatuses, pesReturnKinds } from '../../../db/schema/accounting.ts';
import { PES_FLOW_STATUSES, PES_RETURN_KINDS, returnKindOfRoot, S2LOW_STATUS } from './statuses.ts';

describe('accounting statuses', () => {
  it('are the lists of the database enums', () => {
    expect([...pesFlowStatuses]).toEqual([...PES_FLOW_STATUSES]);
    expect([...pesReturnKinds]).toEqual([...PES_RETURN_KINDS]);
  });
  it('map to the S²LOW status numbers', () => {
    expect(S2LOW_STATUS.TRANSMIS).toBe(3);
    expect(S2LOW_STATUS.ACQUITTE).toBe(4);
    expect(S2LOW_STATUS.REFUSE).toBe(6);
    expect(S2LOW_STATUS.INFORMATION_DISPONIBLE).toBe(8);
  });
  it('classify returns by root element', () => {
    expect(returnKindOfRoot('PES_ACQUIT')).toBe('ACQUIT');
    expect(returnKindOfRoot('PES_NonAcquit')).toBe('NON_ACQUIT');
    expect(returnKindOfRoot('PES_Retour')).toBe('RETOUR');
    expect(returnKindOfRoot('Facture')).toBe('INCONNU');
  });
});
