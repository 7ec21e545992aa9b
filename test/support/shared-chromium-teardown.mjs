// Jest's globalTeardown: closes the run's Chromium (shared-chromium.mjs).
export { teardown as default } from './shared-chromium.mjs';
