import type { HealthReport } from '../../src/health/health-reporter.js';
import { TwitchSession } from '../../src/twitch/twitch-session.js';
import { eventually, startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

describe('EventSub with a token that lacks a scope', () => {
  let service: TwitchTestApp;
  const health = async (): Promise<HealthReport> =>
    (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;

  beforeAll(async () => {
    service = await startTwitchTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('names the type and the missing scope, and subscribes to the others', async () => {
    const minted = service.simulator.mintUserToken({
      scopes: ['moderator:read:followers', 'channel:read:subscriptions'],
    });
    await service.app.get(TwitchSession).signIn({
      accessToken: minted.accessToken,
      refreshToken: minted.refreshToken,
      scope: [...minted.scope],
      expiresIn: minted.expiresIn,
      obtainmentTimestamp: minted.obtainmentTimestamp,
    });
    await eventually(async () => {
      const subscriptions = (await health()).eventsub?.subscriptions ?? [];
      return subscriptions.filter((s) => s.status === 'enabled').length === 6;
    }, 'the six other subscriptions enabled');
    const cheer = (await health()).eventsub?.subscriptions?.find((s) => s.type === 'channel.cheer');
    expect(cheer?.status).toBe('missing_scope');
    expect(cheer?.error).toContain('bits:read');
    expect(cheer?.error).toContain('npm run auth');
    expect(service.simulator.subscriptions({ type: 'channel.cheer' })).toHaveLength(0);
  });
});
