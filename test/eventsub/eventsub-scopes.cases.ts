import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { TwitchSession } from '../../src/twitch/twitch-session.js';
import { eventually } from '../support/eventually.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

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
      return (
        subscriptions.filter((s) => s.status === 'enabled').length ===
        DEFAULT_EVENT_TYPES.length - 1
      );
    }, 'every other default subscription enabled');
    const cheer = (await health()).eventsub?.subscriptions?.find((s) => s.type === 'channel.cheer');
    expect(cheer?.status).toBe('missing_scope');
    expect(cheer?.error).toContain('bits:read');
    expect(cheer?.error).toContain('npm run auth');
    expect(service.simulator.subscriptions({ type: 'channel.cheer' })).toHaveLength(0);
  });
});

describe('EventSub with EVENTSUB_EVENTS set', () => {
  it('subscribes to the configured types only', async () => {
    const service = await startTwitchTestApp({ EVENTSUB_EVENTS: 'channel.follow,channel.raid' });
    try {
      await eventually(async () => {
        const health = (await (
          await fetch(`${service.baseUrl}/api/health`)
        ).json()) as HealthReport;
        return (
          health.eventsub?.subscriptions?.every((s) => s.status === 'enabled') === true &&
          health.eventsub.subscriptions.length === 2
        );
      }, 'two subscriptions enabled');
      expect(
        service.simulator
          .subscriptions()
          .map((s) => s.type)
          .sort(),
      ).toEqual(['channel.follow', 'channel.raid']);
    } finally {
      await service.close();
    }
  });
});
