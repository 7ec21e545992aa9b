// Jest's globalSetup (and, through shared-chromium-teardown.mjs, its globalTeardown; see
// jest.config.js): one Chromium for the whole run.
//
// Starting Chromium and closing it costs ~2.4 CPU-s, and about thirty test files drive a browser:
// on a 2-core machine whose suite is CPU-bound, that was a tenth of the suite. So the run keeps one
// Chromium (a Playwright browser server, started by the first file that asks for it) and each file
// connects to it: its contexts, pages and storage are still its own (`launchChromium` in
// browser.ts), and closing its browser closes them.
//
// The first file asks a small HTTP endpoint in this (Jest's main) process, whose address the
// workers find in SHARED_CHROMIUM_URL, for the server, with the executable and flags it wants;
// later files asking for others get an error. A run with no browser test starts no Chromium.
import { createServer } from 'node:http';

/** Set by `setup` for `teardown`: Jest gives both the same global object. */
const STATE = Symbol.for('twitch-realtime.shared-chromium');

export default async function setup() {
  /** @type {{ options: string, server: Promise<import('playwright-core').BrowserServer> } | undefined} */
  let launched;
  const endpoint = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      try {
        const { executablePath, args } = JSON.parse(body);
        const options = JSON.stringify({ executablePath, args });
        if (launched && launched.options !== options) {
          throw new Error(`the run's Chromium was started as ${launched.options}, not ${options}`);
        }
        // Playwright is loaded only by a run that drives a browser.
        launched ??= {
          options,
          server: import('playwright-core').then(({ chromium }) =>
            chromium.launchServer({ executablePath, args, timeout: 60_000 }),
          ),
        };
        const server = await launched.server;
        response.writeHead(200, { 'content-type': 'application/json', connection: 'close' });
        response.end(JSON.stringify({ wsEndpoint: server.wsEndpoint() }));
      } catch (error) {
        response.writeHead(500, { 'content-type': 'text/plain', connection: 'close' });
        response.end(String(error?.message ?? error));
      }
    });
  });
  await new Promise((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
  process.env.SHARED_CHROMIUM_URL = `http://127.0.0.1:${endpoint.address().port}`;
  globalThis[STATE] = { endpoint, browser: () => launched?.server };
}

export async function teardown() {
  const state = globalThis[STATE];
  if (!state) return;
  state.endpoint.closeAllConnections();
  await new Promise((resolve) => state.endpoint.close(resolve));
  const server = await state.browser()?.catch(() => undefined);
  await server?.close();
}
