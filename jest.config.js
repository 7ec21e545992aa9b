// Jest in native ESM mode (run through `node --experimental-vm-modules`, see package.json).
// TypeScript is stripped by swc; `npm run typecheck` is what checks the types.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts', '**/*.e2e-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
  },
  // Sources import each other as `./x.js` (what Node ESM needs at run time); Jest resolves the .ts.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30_000,
  // Twurple's EventSub listener remembers each notification's message_id for ten minutes with a
  // timer it never unrefs, so a test process that received notifications would linger that long.
  // Our own handles are all closed (checked with --detectOpenHandles); this only ends the wait.
  forceExit: true,
};
