// The package's own tests, for `npm test` in this folder (`npm test -w @twitch-realtime/twitch-simulator`).
// The root's `npm test` runs them too, with the root's jest.config.js.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
  },
  // Sources import each other as `./x.js` (what Node ESM needs at run time); Jest resolves the .ts.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  testTimeout: 30_000,
  // Twurple's EventSub listener (twurple-end-to-end.spec.ts) remembers message ids with a timer it
  // never unrefs; this only ends that wait (see the root jest.config.js).
  forceExit: true,
};
