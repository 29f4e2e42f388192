// The worker preloads the whole workflow bundle once per worker thread (src/platform/temporal/worker.ts): every
// run then shares its modules. That is only safe while no module of the bundle keeps state at module level that a
// run could change, so this test reads each of our modules in the bundle and refuses module-level variables and
// mutable containers, apart from the listed memo tables of pure functions.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { workflowBundle } from '../../src/platform/temporal/worker.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Module-level tables that only memoise a pure function of their key: sharing them changes no result. */
const PURE_MEMOS = new Set(['src/platform/calendar/holidays.ts:byYear']);

const MODULE_LEVEL_STATE =
  /^(?:export\s+)?(?:let|var)\s+(\w+)|^(?:export\s+)?const\s+(\w+)\s*=\s*new\s+(?:Map|Set|WeakMap|WeakSet)\b/gm;

describe('workflow bundle', () => {
  it('is preloaded, and none of our modules in it keeps per-run state at module level', async () => {
    const bundle = await workflowBundle();
    const preload = /exports\.preloadModules = function preloadModules\(\) \{([^}]*)\}/.exec(bundle.code)?.[1] ?? '';
    expect(preload).toContain('"./workflows/index.ts")');
    const ours = [...bundle.code.matchAll(/^\/\*\*\*\/ "\.\/((?:src|workflows)\/[^"]+\.ts)"/gm)].map((m) => m[1]!);
    expect(ours).toContain('workflows/invoice-lifecycle.ts');
    const found: string[] = [];
    for (const path of new Set(ours)) {
      const source = readFileSync(`${ROOT}${path}`, 'utf8');
      for (const m of source.matchAll(MODULE_LEVEL_STATE)) {
        const name = `${path}:${m[1] ?? m[2]}`;
        if (!PURE_MEMOS.has(name)) found.push(name);
      }
    }
    expect(found).toEqual([]);
  });
});
