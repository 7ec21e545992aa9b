import type { Browser } from 'playwright-core';
import { startSignInTestApp, type SignInTestApp } from '../auth/auth-harness.js';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  launchChromium,
  openPage,
  screenshot,
  type TestPage,
} from '../support/browser.js';
import { eventually } from '../support/eventually.js';

describeInBrowser('"Connect Twitch" on the dashboard, in Chromium', () => {
  let service: SignInTestApp;
  let browser: Browser;
  let test: TestPage;

  beforeAll(async () => {
    service = await startSignInTestApp();
    browser = await launchChromium();
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
  });

  it(
    'shows a code, and once it is approved on Twitch the service is signed in and EventSub starts',
    async () => {
      test = await openPage(browser, { width: 1440, height: 1100 });
      const { page } = test;
      await page.goto(`${service.baseUrl}/`);
      await page.waitForSelector('#sign-in:not([hidden])');
      await page.click('#connect-twitch-button');
      const code = (await page.textContent('#connect-twitch-code')) ?? '';
      expect(code).toMatch(/^\S{4,}$/);
      await screenshot(page, 'dashboard-connect-twitch-code');
      expect(service.simulator.approveDeviceCode(code)).toBe(true);
      await page.waitForSelector('text=Connected as demo_streamer');
      await eventually(
        async () => (await service.health()).eventsub?.state === 'connected',
        'EventSub',
      );
      await page.waitForSelector('#sign-in', { state: 'hidden' });
      expect(test.errors).toEqual([]);
    },
    BROWSER_TEST_TIMEOUT,
  );
});
