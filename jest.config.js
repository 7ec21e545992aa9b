// Jest in native ESM mode (run through `node --experimental-vm-modules`, see package.json).
// TypeScript is stripped by swc; `npm run typecheck` is what checks the types.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  // The workspace packages' tests run with the service's (packages/*/test).
  roots: ['<rootDir>/src', '<rootDir>/test', '<rootDir>/packages/twitch-simulator/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
  },
  // Sources import each other as `./x.js` (what Node ESM needs at run time); Jest resolves the .ts.
  moduleNameMapper: {
    // The widgets' `./contract.js` is written by the server from the contract's constants
    // (src/widgets/browser-contract.ts); in Jest it is the contract itself.
    '^\\.(/lib)?/contract\\.js$': '<rootDir>/src/contract/sse-contract.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  // Workspace packages imported by name (`@twitch-realtime/twitch-simulator`) resolve through
  // their package.json `exports` condition to src/index.ts, run through swc like our own sources,
  // so no build of the package is needed first (tsconfig.json uses the same condition).
  testEnvironmentOptions: {
    customExportConditions: ['node', 'node-addons', '@twitch-realtime/source'],
  },
  testTimeout: 30_000,
  // Three files at a time on a 2-core machine. Every file has its own ports, temporary data
  // folders and service; the build the spawning suites share is taken under a lock
  // (test/support/built-service.ts). A third worker fills the time a file waits (on a spawned
  // service, a lease, a real-time interval): on clean clones the suite took 398 s with three and
  // 492 s with two, for the same CPU (747 and 789 CPU-s). It did not help while Chromium kept
  // both cores busy, before its tests became cheaper (README, "Development").
  maxWorkers: 3,
  // Jest's native ESM keeps something of every test file a worker ran (about 30 MB of heap each,
  // the modules of the service and its libraries): over the suite a worker grew past 3 GB, and
  // every major garbage collection walked all of it. A worker is replaced once a file leaves it
  // above this, which costs a process start and saves more than that in collections.
  workerIdleMemoryLimit: '500MB',
  // A worker exits by itself after its last file, but V8 takes a while to free a large heap, more
  // on a loaded machine; Jest's default of 0.5 s then force-exits it, reported as a leak. A worker
  // a handle really keeps alive is still force-exited (and reported) after this.
  workerGracefulExitTimeout: 5_000,
  // Longest files first, bundles of cases weighed by their cases (test/support/test-sequencer.mjs).
  testSequencer: '<rootDir>/test/support/test-sequencer.mjs',
  // One Chromium for the run, started when a browser test first asks for it and closed at the end
  // (test/support/shared-chromium.mjs); each file connects to it.
  globalSetup: '<rootDir>/test/support/shared-chromium.mjs',
  globalTeardown: '<rootDir>/test/support/shared-chromium-teardown.mjs',
  // After the run, the tests skipped for a missing Chromium or redis-server are listed with how to
  // install them; with REQUIRE_TEST_DEPENDENCIES=1 (.ci/run) they fail the run.
  reporters: ['default', '<rootDir>/test/support/missing-dependency-reporter.mjs'],
  // No forceExit: a suite that leaves a handle open keeps Jest from exiting, and that is a defect to
  // fix. `--detectOpenHandles` lists only handles created by our code, not inside node_modules
  // (Twurple's ten-minute message_id timers were such a leak: see twurple-internals.ts).
};
