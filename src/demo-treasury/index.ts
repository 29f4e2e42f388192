// The treasury side of Hélios for the demo start and the tests: the DGFiP gateway over real FTP and its judgement.
export { FakeTreasury, type FakeTreasuryOptions, type ReceivedFile } from './fake-treasury.ts';
export type { KnownAccount } from './fake-helios-checks.ts';
