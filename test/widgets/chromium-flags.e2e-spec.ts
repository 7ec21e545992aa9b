import { readdirSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  PLAYWRIGHT_DISABLED_FEATURES,
  describeInBrowser,
  launchOwnChromium,
} from '../support/browser.js';

/** The Chromium browser processes this process started, by pid, with their command lines. */
function childChromiums(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      if (parent === process.pid && args.some((arg) => arg.startsWith('--remote-debugging-pipe'))) {
        found.set(pid, args);
      }
    } catch {
      // The process ended while we read it.
    }
  }
  return found;
}

/**
 * The features the Chromium `launch` starts has turned off: Chromium keeps the last
 * `--disable-features`. (Run in band, this process may also hold the run's shared Chromium.)
 */
async function disabledFeatures(launch: () => Promise<Browser>): Promise<string[]> {
  const before = childChromiums();
  const browser = await launch();
  try {
    const [args] = [...childChromiums()].filter(([pid]) => !before.has(pid)).map(([, a]) => a);
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

    const ours = await disabledFeatures(launchOwnChromium);
    expect(ours).toEqual(expect.arrayContaining(playwrights));
    expect(ours).toEqual(expect.arrayContaining(['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup']));
    expect(CHROMIUM_ARGS.filter((arg) => arg.startsWith('--disable-features'))).toHaveLength(1);
  });

  it('open a page with no browser UI beside it (each of those cost a renderer process)', async () => {
    const browser = await launchOwnChromium();
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
