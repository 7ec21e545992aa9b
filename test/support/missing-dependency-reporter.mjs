// A Jest reporter (see jest.config.js): after the run, it lists the tests skipped because this
// machine lacks a program they need (Chromium, redis-server), with how to install it, since Jest
// does not show a skipped suite's console output when it runs several files. With
// REQUIRE_TEST_DEPENDENCIES=1 (set by .ci/run) such a skip fails the run: CI runs everything.

/** The start of such a test's name: `MISSING_DEPENDENCY` in test/support/missing-dependency.ts. */
const MISSING_DEPENDENCY = 'SKIPPED, missing dependency:';

/** Lists (and, when required, fails on) the tests skipped for a missing dependency. */
export default class MissingDependencyReporter {
  #error = undefined;

  onRunComplete(_contexts, results) {
    // Suite names by hint: `${MISSING_DEPENDENCY} ${name} | ${hint}`.
    const byHint = new Map();
    for (const file of results.testResults) {
      for (const test of file.testResults) {
        if (test.status !== 'pending' || !test.title.startsWith(MISSING_DEPENDENCY)) continue;
        const rest = test.title.slice(MISSING_DEPENDENCY.length).trim();
        const cut = rest.lastIndexOf(' | ');
        const [name, hint] = cut < 0 ? [rest, ''] : [rest.slice(0, cut), rest.slice(cut + 3)];
        byHint.set(hint, [...(byHint.get(hint) ?? []), name]);
      }
    }
    if (byHint.size === 0) return;
    const count = [...byHint.values()].reduce((sum, names) => sum + names.length, 0);
    const required = process.env.REQUIRE_TEST_DEPENDENCIES === '1';
    const lines = [''];
    for (const [hint, names] of byHint) {
      lines.push(hint, ...names.map((name) => `  - ${name}`));
    }
    lines.push(
      `${count} suite(s) or test(s) skipped for a missing dependency` +
        (required ? ': a failure, since REQUIRE_TEST_DEPENDENCIES=1.' : '.'),
      '',
    );
    process.stderr.write(lines.join('\n') + '\n');
    if (required) {
      this.#error = new Error(`${count} test(s) skipped for a missing dependency.`);
    }
  }

  /** Jest fails the run when a reporter returns an error here. */
  getLastError() {
    return this.#error;
  }
}
