import { describe, expect, it } from 'vitest';
import { isPostgresClosedSocketWrite } from './driver-faults.ts';

describe('isPostgresClosedSocketWrite', () => {
  const fault = Object.assign(new TypeError("Cannot read properties of null (reading 'write')"), {
    stack:
      "TypeError: Cannot read properties of null (reading 'write')\n    at nextWrite (/app/node_modules/postgres/src/connection.js:255:22)",
  });

  it('recognises the upstream driver fault and nothing else', () => {
    expect(isPostgresClosedSocketWrite(fault)).toBe(true);
    expect(
      isPostgresClosedSocketWrite(
        Object.assign(new TypeError(fault.message), { stack: `${fault.message}\n    at ours (/app/src/x.ts:1:1)` }),
      ),
    ).toBe(false);
    expect(isPostgresClosedSocketWrite(new Error('boom'))).toBe(false);
    expect(isPostgresClosedSocketWrite(undefined)).toBe(false);
  });
});
