import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  PLAYWRIGHT_DISABLED_FEATURES,
  describeInBrowser,
  launchChromium,
} from '../support/browser.js';

/** The command lines of the Chromium browser processes this Jest worker started, from /proc. */
function childChromiumCommandLines(): string[][] {
  const lines: string[][] = [];
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && args.some((arg) => arg.startsWith('--remote-debugging-pipe'))) {
        lines.push(args);
      }
    } catch {
      // The process ended while we read it.
    }
  }
  return lines;
}

/** The features a launched browser has turned off: Chromium keeps the last `--disable-features`. */
async function disabledFeatures(launch: () => Promise<Browser>): Promise<string[]> {
  const browser = await launch();
  try {
    const [args] = childChromiumCommandLines();
    const last = args!.filter((arg) => arg.startsWith('--disable-features=')).at(-1);
    return last ? last.slice('--disable-features='.length).split(',') : [];
  } finally {
    await browser.close();
  }
}

describeInBrowser('the flags the browser tests start Chromium with', () => {
  it('keep every feature Playwright turns off, and turn off the omnibox popups no page shows', async () => {
    const playwrights = await disabledFeatures(() =>
      chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--headless'] }),
    );
    // Playwright's list moved (an upgrade): PLAYWRIGHT_DISABLED_FEATURES must follow it.
    expect([...playwrights].sort()).toEqual([...PLAYWRIGHT_DISABLED_FEATURES].sort());

    const ours = await disabledFeatures(launchChromium);
    expect(ours).toEqual(expect.arrayContaining(playwrights));
    expect(ours).toEqual(expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']));
    expect(CHROMIUM_ARGS.filter((arg) => arg.startsWith('--disable-features'))).toHaveLength(1);
  });

  it('open a page with no browser UI beside it (each of those cost a renderer process)', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      await page.goto('data:text/html,<p>a widget</p>');
      const session = await browser.newBrowserCDPSession();
      const { targetInfos } = await session.send('Target.getTargets');
      expect(targetInfos.map((target) => `${target.type} ${target.url}`)).toEqual([
        'page data:text/html,<p>a widget</p>',
      ]);
    } finally {
      await browser.close();
    }
  });
});
