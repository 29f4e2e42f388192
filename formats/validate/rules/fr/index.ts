import type { ReadResult } from '../../../read.ts';
import type { Facts } from '../../facts/types.ts';
import type { Out } from '../../out.ts';

/** French rules (profile 'fr'). */
export function checkFrench(read: ReadResult, f: Facts, out: Out): void {
  void read;
  void f;
  void out;
}
