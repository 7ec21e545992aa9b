/**
 * How a test suite that needs a program this machine may lack (Chromium, redis-server) reports
 * itself when the program is missing: not a failure, not a quiet pass, but one skipped test whose
 * name starts with `MISSING_DEPENDENCY` and says how to install it, and a console warning.
 *
 * After the run, `missing-dependency-reporter.mjs` (which holds the same words) lists such tests
 * with their hints; with `REQUIRE_TEST_DEPENDENCIES=1`, as `.ci/run` sets it, they fail the run,
 * so CI always runs everything.
 */
export const MISSING_DEPENDENCY = 'SKIPPED, missing dependency:';

/** A program some suites need, and whether this machine has it. */
export interface TestDependency {
  /** Whether the program can be run here. */
  readonly available: boolean;
  /** What is missing and how to install it, in one sentence or two. */
  readonly hint: string;
}

/**
 * The name of the one test a suite reports when `dependency` is missing: the prefix, the suite's
 * name, ` | `, the hint (the reporter groups by the hint, after the last ` | `).
 */
export function skippedTestName(name: string, dependency: TestDependency): string {
  return `${MISSING_DEPENDENCY} ${name} | ${dependency.hint}`;
}

/**
 * `describe` for a suite that needs `dependency`: the suite itself when it is available, else one
 * skipped test named after the reason, and a warning with the install hint.
 */
export function describeNeeding(dependency: TestDependency, name: string, suite: () => void): void {
  if (dependency.available) {
    describe(name, suite);
    return;
  }
  describe(name, () => {
    console.warn(dependency.hint);
    it.skip(skippedTestName(name, dependency), () => {});
  });
}

/**
 * `it` for one test that needs `dependency` inside a suite that does not: the test itself when it
 * is available, else a skipped test named after the reason.
 */
export function itNeeding(
  dependency: TestDependency,
  name: string,
  test: () => Promise<void>,
  timeout?: number,
): void {
  if (dependency.available) {
    it(name, test, timeout);
    return;
  }
  console.warn(dependency.hint);
  it.skip(skippedTestName(name, dependency), () => {});
}
