import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import {
  BROWSER_TEST_TIMEOUT,
  closePages,
  describeInBrowser,
  launchChromium,
  openPage,
  type TestPage,
} from './browser.js';

/**
 * A page like a widget's: it keeps something in localStorage and shares a SharedWorker, which
 * names itself once, when it starts.
 */
const PAGE = `<!doctype html><title>pooled</title><script>
  window.worker = new Promise((resolve) => {
    const shared = new SharedWorker('/worker.js');
    shared.port.onmessage = (event) => resolve(event.data);
  });
</script>`;
const WORKER = `const name = Math.random().toString(36).slice(2);
  onconnect = (event) => event.ports[0].postMessage(name);`;

describeInBrowser('the pages browser tests share (test/support/page-pool.ts)', () => {
  let server: Server;
  let base: string;
  let browser: Browser;
  const pages: TestPage[] = [];

  beforeAll(async () => {
    server = createServer((request, response) => {
      const worker = request.url === '/worker.js';
      response.writeHead(200, { 'content-type': worker ? 'text/javascript' : 'text/html' });
      response.end(worker ? WORKER : PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, BROWSER_TEST_TIMEOUT);

  afterEach(() => closePages(pages));

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  /** Opens the page in a pooled page of `size`, and gives its worker's name. */
  async function open(size = { width: 800, height: 600 }) {
    const test = await openPage(browser, size);
    pages.push(test);
    await test.page.goto(`${base}/`);
    const worker = await test.page.evaluate(() => (window as { worker?: Promise<string> }).worker);
    return { test, worker };
  }

  it('gives a handed-back page to the next test without its storage, its worker or its size', async () => {
    const first = await open();
    await first.test.page.evaluate(() => localStorage.setItem('place', '42'));
    await closePages(pages);

    const second = await open({ width: 400, height: 300 });
    expect(second.test.page).toBe(first.test.page);
    expect(second.worker).not.toBe(first.worker);
    expect(await second.test.page.evaluate(() => localStorage.getItem('place'))).toBeNull();
    expect(second.test.page.viewportSize()).toEqual({ width: 400, height: 300 });
  });

  it('never gives two tests the same page at once', async () => {
    const one = await open();
    const other = await open();
    expect(other.test.page).not.toBe(one.test.page);
    expect(other.worker).not.toBe(one.worker);
  });

  it('closes a page whose test changed it, or left a listener on it, instead of sharing it', async () => {
    const routed = await open();
    await routed.test.page.route('**/never', (route) => route.abort());
    const listened = await open();
    listened.test.page.on('request', () => undefined);
    await closePages(pages);
    expect(routed.test.page.isClosed()).toBe(true);
    expect(listened.test.page.isClosed()).toBe(true);

    const next = await open();
    expect([routed.test.page, listened.test.page]).not.toContain(next.test.page);
  });

  it('fails the test that logged an error, after handing its page back; the next test starts with none', async () => {
    const logged = await open();
    await logged.test.page.evaluate(() => console.error('a widget broke'));
    await expect(closePages(pages)).rejects.toThrow(/a widget broke/);

    const next = await open();
    expect(next.test.page).toBe(logged.test.page);
    expect(next.test.errors).toEqual([]);
  });
});
