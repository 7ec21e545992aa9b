import { TWITCH_EVENT_TYPES } from '../../src/contract/sse-contract.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the dashboard and widget files', () => {
  let service: TestApp;

  beforeAll(async () => {
    service = await startTestApp();
  });

  afterAll(async () => {
    await service.close();
  });

  const get = (path: string) => fetch(`${service.baseUrl}${path}`);

  it.each([
    ['/', /<title>twitch-realtime<\/title>/],
    ['/widgets/alerts', /<title>Alert box/],
    ['/widgets/goal', /<title>Goal bar/],
    ['/widgets/stats', /<title>Stats/],
    ['/widgets/label', /<title>Label/],
    ['/widgets/events', /<title>Event list/],
    ['/widgets/subathon', /<title>Subathon timer/],
    ['/widgets/hypetrain', /<title>Hype train/],
    ['/widgets/poll', /<title>Poll \/ prediction/],
    ['/widgets/adbreak', /<title>Ad break/],
    ['/widgets/credits', /<title>Credits/],
  ])('serves %s as a page', async (path, title) => {
    const response = await get(path);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(title);
  });

  it('serves the scripts and styles the pages load', async () => {
    for (const path of ['/widgets/alerts.js', '/widgets/lib/stream-connection.js']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/javascript/);
    }
    expect((await get('/widgets/widget.css')).headers.get('content-type')).toMatch(/^text\/css/);
    expect((await get('/widgets/dashboard/dashboard.css')).status).toBe(200);
  });

  it('serves the contract’s constants as a module, from the same source as the server', async () => {
    const response = await get('/widgets/lib/contract.js');
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await response.text()).toContain(JSON.stringify(TWITCH_EVENT_TYPES));
  });

  it('answers 404 for a mistyped widget rather than some other page', async () => {
    for (const path of ['/widgets/alert', '/widgets/', '/widgets/../package.json']) {
      expect((await get(path)).status).toBe(404);
    }
  });

  it('tells the dashboard whether admin routes want a token', async () => {
    const response = await get('/api/dashboard/settings');
    expect(await response.json()).toEqual({ adminTokenRequired: false, mode: 'demo' });
  });
});
