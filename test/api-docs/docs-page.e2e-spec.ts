import type { Browser } from 'playwright-core';
import { API_DOCS_CONTENT_SECURITY_POLICY } from '../../src/api-docs/serve-api-docs.js';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  launchChromium,
  openPage,
  screenshot,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// One service for both: neither changes it.
describe('the docs page at /api/docs', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('loads Swagger UI from the service itself, under its own policy, and may not be framed', async () => {
    const response = await fetch(`${service.baseUrl}/api/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(API_DOCS_CONTENT_SECURITY_POLICY);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    const html = await response.text();
    // Nothing from a CDN: every script and stylesheet is a path on this service.
    expect(html).not.toMatch(/(src|href)=["']?(https?:)?\/\//);
    const assets = [...html.matchAll(/(?:src|href)=["']?([^"' >]+)/g)].map((m) => m[1] as string);
    expect(assets).toEqual(
      expect.arrayContaining(['./docs/swagger-ui-bundle.js', './docs/swagger-ui-init.js']),
    );
    for (const asset of assets) {
      const url = new URL(asset, `${service.baseUrl}/api/docs`);
      const loaded = await fetch(url);
      expect({ asset, status: loaded.status }).toEqual({ asset, status: 200 });
    }
    // The init script carries the document, and no validator badge that would call out.
    const init = await (await fetch(`${service.baseUrl}/api/docs/swagger-ui-init.js`)).text();
    expect(init).toContain('"validatorUrl": null');
  });

  describeInBrowser('in Chromium with no internet', () => {
    let browser: Browser;

    beforeAll(async () => {
      browser = await launchChromium();
    }, BROWSER_TEST_TIMEOUT);

    afterAll(async () => {
      await browser?.close();
    });

    it(
      'shows every route and tries one out, with no request elsewhere and no policy violation',
      async () => {
        const { page, context, errors } = await openPage(browser, { width: 1280, height: 1600 });
        const elsewhere: string[] = [];
        // No internet: what is not the service is refused, and noted.
        await context.route('**/*', (route) => {
          const url = route.request().url();
          if (url.startsWith(service.baseUrl) || url.startsWith('data:')) return route.continue();
          elsewhere.push(url);
          return route.abort();
        });
        await page.addInitScript(() => {
          const seen: string[] = [];
          (window as unknown as { violations: string[] }).violations = seen;
          document.addEventListener('securitypolicyviolation', (event) =>
            seen.push(`${event.violatedDirective} ${event.blockedURI}`),
          );
        });
        await page.goto(`${service.baseUrl}/api/docs`);
        await page.waitForSelector('.swagger-ui .opblock-summary-path');
        const paths = await page.$$eval('.opblock-summary-path', (nodes) =>
          nodes.map((node) => node.getAttribute('data-path')),
        );
        expect(paths).toEqual(
          expect.arrayContaining(['/api/twitch/stream', '/api/admin/test-events', '/api/health']),
        );
        expect(await page.isVisible('.swagger-ui .btn.authorize')).toBe(true);
        await screenshot(page, 'api-docs');

        // "Try it out" on the health route: a request to the service, under the page's policy.
        const health = page.locator('.opblock', {
          has: page.locator('.opblock-summary-path[data-path="/api/health"]'),
        });
        await health.locator('.opblock-summary').click();
        await health.locator('button.try-out__btn').click();
        await health.locator('button.execute').click();
        await health
          .locator('.live-responses-table .response .response-col_status')
          .first()
          .waitFor();
        expect(
          await health
            .locator('.live-responses-table .response .response-col_status')
            .first()
            .innerText(),
        ).toBe('200');

        const violations = await page.evaluate(
          () => (window as unknown as { violations: string[] }).violations,
        );
        expect({ elsewhere, violations, errors }).toEqual({
          elsewhere: [],
          violations: [],
          errors: [],
        });
      },
      BROWSER_TEST_TIMEOUT,
    );
  });
});
