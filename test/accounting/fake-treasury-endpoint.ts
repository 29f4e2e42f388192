// How the hub reaches the fake treasury over FTP: its folders and the routing values Hélios expects.
import type { TreasuryEndpoint } from '../../src/accounting/settings.ts';
import type { FakeTreasury } from '../../src/demo-treasury/index.ts';

export const fakeTreasuryEndpoint = (fake: FakeTreasury, timeoutMs = 10_000): TreasuryEndpoint => ({
  url: fake.url,
  entree: '/entree/',
  sortie: '/sortie/',
  pAppli: 'GHELPES2',
  pDest: 'VHPCE11',
  timeoutMs,
});
