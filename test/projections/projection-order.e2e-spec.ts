import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { ProjectionRunner } from '../../src/projections/projection-runner.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

describe('the states one event moves come out in one declared order', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;

  beforeAll(async () => {
    service = await startTwitchTestApp();
    await untilEventSubReceiving(service);
    // A running subathon timer, so a sub adds time.
    const resumed = await fetch(`${service.baseUrl}/api/admin/subathon/resume`, { method: 'POST' });
    expect(resumed.status).toBe(200);
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream`);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
  });

  it('registers every projection, in the order written down', () => {
    expect(service.app.get(ProjectionRunner).order).toEqual([
      'channel-stats',
      'labels',
      'subathon',
      'stats-poll',
      'gap-recovery',
      'streams',
    ]);
  });

  it('a sub from Twitch moves the numbers, then the labels, then the subathon timer, under ids in that order, every time', async () => {
    for (const viewer of ['first_sub', 'second_sub', 'third_sub']) {
      const from = client.messages.length;
      service.simulator.trigger('channel.subscribe', { user: viewer, tier: 1 });
      await client.waitFor(
        (c) => c.messages.slice(from).some((m) => (m.json as StreamMessage).type === 'subathon'),
        10_000,
        `the subathon state after ${viewer}'s sub`,
      );
      // From the sub's event to the timer's state: one turn of the service, nothing between
      // (a stats poll that lands just before or after is another turn, outside this run).
      const after = client.messages.slice(from);
      const start = after.findIndex((m) => (m.json as StreamMessage).type === 'event');
      const end = after.findIndex((m) => (m.json as StreamMessage).type === 'subathon');
      const run = after.slice(start, end + 1);
      expect(run[0]?.json).toMatchObject({
        event: 'channel.subscribe',
        data: { user_login: viewer },
      });
      expect(run.map((m) => (m.json as StreamMessage).type)).toEqual([
        'event',
        'stats',
        'labels',
        'subathon',
      ]);
      const ids = run.map((m) => Number(m.id));
      expect(ids).toEqual([...ids].sort((a, b) => a - b));
      expect(new Set(ids).size).toBe(ids.length);
    }
  });
});
