import { describe, expect, it } from 'vitest';
import { run } from './temporal-postgres.ts';

describe('hub temporal-postgres', () => {
  it.each([[['--port']], [['--port', 'x']], [['--port', '70000']], [['--port', '7233', 'extra']], [['start']]])(
    '%j is a usage error (exit 2), before building or starting anything',
    async (argv) => {
      let out = '';
      let err = '';
      const code = await run(argv, { stdout: (s) => (out += s), stderr: (s) => (err += s) });
      expect(code).toBe(2);
      expect(err).toBe('Usage : hub temporal-postgres [--port 7233]\n');
      expect(out).toBe('');
    },
  );
});
