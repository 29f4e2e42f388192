// The deposit result page says whether a refused file was kept (the quota of refused originals, refused-quota.ts).
import { describe, expect, it } from 'vitest';
import { personActing } from '../../../test/helpers/invoices.ts';
import { DepositPage } from './deposit-page.tsx';
import type { DepositResult } from './invoice-verbs.ts';

const actor = personActing('supplier', '00000000-0000-4000-8000-000000000001');
if (actor.kind !== 'person') throw new Error('a person is expected');
const viewer = {
  actor,
  name: 'Test supplier',
  roles: ['supplier' as const],
  structures: [{ id: '00000000-0000-4000-8000-000000000001', name: 'Armor', roles: ['supplier' as const] }],
  csrfToken: 'jeton',
};

const refusal = (kept: boolean): DepositResult => ({
  outcome: 'refused',
  depositId: '00000000-0000-4000-8000-000000000002',
  code: 'INVALID_FILE',
  message: 'Le fichier n’est pas une facture lisible.',
  originalSha256: 'a'.repeat(64),
  originalKept: kept,
  ...(kept ? {} : { originalNotKept: { code: 'REFUSED_ORIGINALS_QUOTA', message: 'L’original n’est pas conservé.' } }),
});

const render = async (result: DepositResult) =>
  String(await (<DepositPage viewer={viewer} result={result} maxMegabytes={20} />).toString());

describe('DepositPage: a refused file', () => {
  it('says the refused file is kept when it is', async () => {
    const html = await render(refusal(true));
    expect(html).toContain('Le fichier refusé est conservé.');
    expect(html).not.toContain('L’original n’est pas conservé.');
  });

  it('says why it is not kept past the quota, and never that it is', async () => {
    const html = await render(refusal(false));
    expect(html).not.toContain('Le fichier refusé est conservé.');
    expect(html).toContain('L’original n’est pas conservé.');
  });
});
