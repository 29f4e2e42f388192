// A test that needs a tool or a service may be skipped on a developer's machine that lacks it, never under CI:
// there the missing part fails the run, naming what is missing.

/** Returns `missing` for `skipIf`; under CI (`CI` set) a missing part throws instead, failing the file. */
export function skipUnlessCi<T>(missing: T, what: string): T {
  if (missing && process.env.CI)
    throw new Error(`${what} : absent sous CI (${String(missing)}). Ce test ne peut pas être sauté en CI.`);
  return missing;
}
