import { createServer, get as httpGet, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Browser, Frame } from 'playwright-core';
import {
  BROWSER_TEST_TIMEOUT,
  describeInBrowser,
  launchChromium,
  openPage,
} from '../support/browser.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The status and headers of `GET path`, sent exactly as written (no URL clean-up, as an attacker's
 * page or tool may send it); the body is not waited for, so the SSE stream works too.
 */
function headersOf(
  baseUrl: string,
  path: string,
): Promise<{ status: number; headers: IncomingHttpHeaders }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const request = httpGet({ hostname, port, path }, (response) => {
      resolve({ status: response.statusCode ?? 0, headers: response.headers });
      response.destroy();
    });
    request.on('error', reject);
  });
}

/** Whether a response forbids every other page from framing it. */
function refusesFraming(headers: IncomingHttpHeaders): boolean {
  const csp = String(headers['content-security-policy'] ?? '');
  return headers['x-frame-options'] === 'DENY' && /frame-ancestors 'none'/.test(csp);
}

/** Whether a response leaves framing open (a widget a streamer embeds on a web page). */
function allowsFraming(headers: IncomingHttpHeaders): boolean {
  const csp = String(headers['content-security-policy'] ?? '');
  return headers['x-frame-options'] === undefined && !/frame-ancestors/.test(csp);
}

describe('framing: the dashboard and sign-in pages refuse it, the widgets and stream allow it', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    await service.close();
  });

  it.each([
    ['/'],
    ['/?tab=alerts'],
    // The dashboard's own file is also reachable through the widgets' static folder.
    ['/widgets/dashboard.html'],
    ['/widgets/dashboard'],
    ['/widgets/%64ashboard.html'],
    ['/widgets/Dashboard.html'],
    ['/widgets//dashboard.html'],
    ['/auth/twitch'],
    ['/auth/twitch/callback?error=access_denied&error_description=no'],
    ['/api/admin/twitch/device'],
    ['/api/dashboard/settings'],
    ['/api/admin/subathon/pause'],
    ['/no/such/page'],
  ])('%s may not be framed by any page', async (path) => {
    const { headers } = await headersOf(service.baseUrl, path);
    expect(refusesFraming(headers)).toBe(true);
  });

  it.each([
    ['/widgets/alerts'],
    ['/widgets/alerts.html'],
    ['/widgets/goal?metric=subs'],
    ['/widgets/stats?show=viewers'],
    ['/widgets/label?show=top-cheerer'],
    ['/widgets/events'],
    ['/widgets/subathon'],
    ['/widgets/hypetrain'],
    ['/widgets/adbreak'],
    ['/widgets/credits'],
    ['/widgets/poll?show=prediction'],
    ['/api/twitch/stream'],
  ])('%s may be framed (a streamer embeds widgets in a web page)', async (path) => {
    const { status, headers } = await headersOf(service.baseUrl, path);
    expect(status).toBe(200);
    expect(allowsFraming(headers)).toBe(true);
  });

  it('gives the dashboard a content security policy: its own scripts, styles and fetches only', async () => {
    const { headers } = await headersOf(service.baseUrl, '/');
    const directives = new Map(
      String(headers['content-security-policy'])
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(' ')]),
    );
    expect(directives.get('default-src')).toBe("'self'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
  });
});

describeInBrowser('framing in Chromium', () => {
  let service: TestApp;
  let browser: Browser;
  let attacker: Server;
  let attackerUrl: string;

  beforeAll(async () => {
    [service, browser] = await Promise.all([startTestApp(), launchChromium()]);
    // Another site (localhost is not 127.0.0.1 to a browser) that frames the dashboard, its file
    // under /widgets, and a stats widget, and notes when each frame has loaded.
    const page = `<!doctype html><html><body>
      <script>window.loaded = [];</script>
      ${['dashboard', 'dashboard-file', 'stats']
        .map((name) => {
          const path = {
            dashboard: '/',
            'dashboard-file': '/widgets/dashboard.html',
            stats: '/widgets/stats',
          }[name];
          return `<iframe name="${name}" src="${service.baseUrl}${path}" width="800" height="400"
            onload="window.loaded.push('${name}')"></iframe>`;
        })
        .join('\n')}
      </body></html>`;
    attacker = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(page);
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://localhost:${(attacker.address() as { port: number }).port}/`;
  }, BROWSER_TEST_TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await service?.close();
    await new Promise((resolve) => attacker?.close(resolve));
  });

  /** Whether a frame shows a page of the service (rather than Chromium's "refused" page). */
  const showsService = (frame: Frame) => frame.url().startsWith(service.baseUrl);

  it(
    'a page on another site cannot show the dashboard in a frame, but can show a widget',
    async () => {
      const { page, context } = await openPage(browser);
      try {
        await page.goto(attackerUrl);
        await page.waitForFunction(
          () => (window as unknown as { loaded: string[] }).loaded.length === 3,
        );
        const frame = (name: string) => {
          const found = page.frames().find((candidate) => candidate.name() === name);
          if (!found) throw new Error(`no frame ${name}`);
          return found;
        };
        const stats = frame('stats');
        expect(showsService(stats)).toBe(true);
        await stats.waitForSelector('#stats');
        for (const name of ['dashboard', 'dashboard-file']) {
          expect(showsService(frame(name))).toBe(false);
        }
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );

  it(
    'the dashboard opened by itself loads its scripts and styles under its policy, with no violation',
    async () => {
      const { page, context, errors } = await openPage(browser);
      const violations: string[] = [];
      await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
      await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          void (
            window as unknown as { reportViolation(text: string): Promise<void> }
          ).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
        });
      });
      try {
        await page.goto(`${service.baseUrl}/`);
        await page.waitForSelector('#connection.pill--good');
        // The widget builder's preview frames a widget of the same origin.
        const preview = page.frameLocator('iframe[title="Widget preview"]');
        await preview.locator('body').waitFor();
        // The stylesheet applied: the grid is laid out, not the browser's default block.
        await expect(
          page.$eval('main.grid', (main) => getComputedStyle(main).display),
        ).resolves.toBe('grid');
        expect(violations).toEqual([]);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
    BROWSER_TEST_TIMEOUT,
  );
});
