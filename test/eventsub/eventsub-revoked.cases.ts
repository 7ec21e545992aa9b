import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { eventually } from '../support/eventually.js';
import { LogCapture } from '../support/log-capture.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

describe('EventSub after Twitch revoked every subscription', () => {
  let service: TwitchTestApp;
  const health = async (): Promise<HealthReport> =>
    (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;

  beforeAll(async () => {
    service = await startTwitchTestApp();
    await eventually(async () => {
      const { eventsub } = await health();
      return (
        eventsub.state === 'connected' &&
        (eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
      );
    }, 'EventSub subscribed');
  });

  afterAll(async () => {
    await service?.close();
  });

  it('explains the 4003 that follows as a sign-in to redo (demo mode: the dashboard), not as a bug', async () => {
    const logs = new LogCapture().start();
    try {
      // Access was taken away: every subscription is revoked and new ones are refused.
      service.simulator.failHelix({ endpoint: 'eventsub/subscriptions', status: 403 });
      expect(service.simulator.revokeSubscriptions()).toBe(DEFAULT_EVENT_TYPES.length);
      await eventually(
        async () =>
          ((await health()).eventsub.subscriptions ?? []).every((s) => s.status === 'revoked'),
        'every subscription revoked',
      );
      expect(service.simulator.closeConnections(4003, 'connection unused')).toBeGreaterThan(0);
      await eventually(
        () => /refused or revoked every subscription/.test(logs.output),
        'the 4003 explained',
      );
    } finally {
      logs.stop();
      service.simulator.clearHelixFaults();
    }
    expect(logs.output).not.toMatch(/this is a bug in twitch-realtime/);
    const explained =
      /4003 \(connection unused.*refused or revoked every subscription: (.*)\. Reconnecting/.exec(
        logs.output,
      );
    expect(explained?.[1]).toMatch(/"Connect Twitch"/);
    expect(explained?.[1]).not.toMatch(/npm run auth/);
  });
});
