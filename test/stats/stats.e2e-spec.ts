import type { StatsData } from '../../src/contract/sse-contract.js';
import { TwitchEventIngest } from '../../src/eventsub/twitch-event-ingest.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { StatsPoller } from '../../src/stats/stats-poller.js';
import { SseTestClient } from '../support/sse-client.js';
import { eventually } from '../support/eventually.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

const POLLED_ENDPOINTS = ['streams', 'channels/followers', 'subscriptions'];

describe('stats: Helix poll + events → stats messages, against the simulator', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;
  let poller: StatsPoller;

  const stats = (): StatsData[] =>
    client.messages
      .map((m) => m.json as { type: string; data: StatsData })
      .filter((m) => m.type === 'stats')
      .map((m) => m.data);
  const latest = () => stats().at(-1);
  const health = async (): Promise<HealthReport> =>
    (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;
  const polledRequests = () => {
    const counts = service.simulator.helixRequestCounts();
    return Object.fromEntries(
      POLLED_ENDPOINTS.map((endpoint) => [endpoint, counts[endpoint] ?? 0]),
    );
  };

  beforeAll(async () => {
    service = await startTwitchTestApp({ STATS_POLL_INTERVAL: '10' });
    poller = service.app.get(StatsPoller);
    await eventually(() => poller.status.polls >= 1 && poller.status.ok, 'the first poll');
    // Events triggered before EventSub has subscribed would never arrive (as on Twitch).
    await eventually(async () => {
      const { eventsub } = await health();
      return (eventsub.subscriptions ?? []).every((s) => s.status === 'enabled');
    }, 'EventSub subscribed');
  });

  beforeEach(async () => {
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=stats`);
    await client.waitForMessages(1);
  });

  afterEach(async () => {
    await client.close();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('polls at start-up and gives every client the numbers Helix reports', () => {
    const channel = service.simulator.channel();
    expect(latest()).toMatchObject({
      live: channel.live,
      viewers: channel.viewers,
      followers: channel.followers,
      subs: channel.subs,
      subPoints: channel.subPoints,
      polledAt: expect.any(String),
    });
  });

  it('moves the numbers at once on events, before the next poll', async () => {
    const before = latest() as StatsData;
    // While the follower and sub counts cannot be polled, only the events can move them. (A
    // scheduled poll in between, which would also see them, fails and only marks them stale.)
    service.simulator.failHelix({ endpoint: 'channels/followers', status: 500 });
    service.simulator.failHelix({ endpoint: 'subscriptions', status: 500 });
    try {
      service.simulator.trigger('channel.follow', { user: 'counted_follower' });
      await client.waitFor(
        () => latest()?.followers === before.followers + 1,
        10_000,
        'followers + 1',
      );
      service.simulator.trigger('channel.subscription.gift', { user: 'gifter', total: 3 });
      await client.waitFor(
        () => latest()?.subs === before.subs + 3,
        10_000,
        'subs + 3 for a gift bomb of 3',
      );
    } finally {
      service.simulator.clearHelixFaults();
    }
    await poller.pollNow();
    // The poll agrees: nothing was counted twice.
    expect(latest()).toMatchObject({ followers: before.followers + 1, subs: before.subs + 3 });
  });

  it('goes live on stream.online and polls again soon for the viewers and title', async () => {
    if (service.simulator.channel().live) service.simulator.trigger('stream.offline');
    await client.waitFor(() => latest()?.live === false, 10_000, 'offline');
    const polls = poller.status.polls;
    service.simulator.trigger('stream.online', { title: 'Speedrun night', viewers: 77 });
    await client.waitFor(() => latest()?.live === true, 10_000, 'live from the event');
    await client.waitFor(
      () => latest()?.title === 'Speedrun night',
      15_000,
      'the early re-poll with the title',
    );
    expect(latest()?.viewers).toBe(77);
    expect(poller.status.polls).toBeGreaterThan(polls);
    service.simulator.trigger('stream.offline');
    await client.waitFor(
      () => latest()?.live === false && latest()?.viewers === 0,
      10_000,
      'offline, viewers 0',
    );
  });

  it('tells a client that connects later when the last poll ran and when the next one is due', async () => {
    await poller.pollNow();
    await poller.pollNow();
    const later = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=status`);
    try {
      await later.waitFor(
        (c) => c.messages.some((m) => JSON.stringify(m.json).includes('"poll"')),
        10_000,
        'the poll status',
      );
      const snapshot = later.messages
        .map((m) => m.json as { data: { poll?: { lastPollAt: string; nextPollAt: string } } })
        .find((m) => m.data.poll)?.data.poll;
      expect(snapshot?.lastPollAt).toBe(poller.status.lastPollAt);
      expect(snapshot?.nextPollAt).toBe(poller.status.nextPollAt);
    } finally {
      await later.close();
    }
  });

  it('corrects drift on the next poll', async () => {
    const truth = service.simulator.channel().followers;
    // An event Twitch never counted (say, a follow that was undone) pushes the number off.
    service.app.get(TwitchEventIngest).receive({
      type: 'channel.follow',
      data: {
        user_id: '999999',
        user_login: 'drifter',
        user_name: 'Drifter',
        broadcaster_user_id: '1000',
        broadcaster_user_login: 'streamer',
        broadcaster_user_name: 'Streamer',
        followed_at: new Date().toISOString(),
      },
    });
    await client.waitFor(() => latest()?.followers === truth + 1, 10_000, 'the drifted number');
    await poller.pollNow();
    await client.waitFor(() => latest()?.followers === truth, 10_000, 'the corrected number');
  });

  it('keeps the last good numbers, marked stale, while Helix answers 500, and recovers', async () => {
    const good = latest() as StatsData;
    service.simulator.failHelix({ endpoint: 'streams', status: 500 });
    try {
      await poller.pollNow();
      await client.waitFor(() => latest()?.stale === true, 10_000, 'stale numbers');
      expect(latest()).toMatchObject({
        followers: good.followers,
        subs: good.subs,
        stale: true,
        error: expect.stringContaining('500'),
      });
      expect((await health()).poll).toMatchObject({
        ok: false,
        error: expect.stringContaining('500'),
      });
    } finally {
      service.simulator.clearHelixFaults();
    }
    await poller.pollNow();
    await client.waitFor(() => latest()?.stale === undefined, 10_000, 'fresh numbers');
    expect((await health()).poll?.ok).toBe(true);
  });

  it("waits out a spent rate limit (429) until Twitch's reset, showing the numbers as stale meanwhile", async () => {
    service.simulator.failHelix({ endpoint: 'streams', status: 429, resetSeconds: 9, count: 1 });
    const polling = poller.pollNow();
    await client.waitFor(() => latest()?.stale === true, 15_000, 'stale while rate-limited');
    await polling;
    await client.waitFor(
      () => latest()?.stale === undefined,
      15_000,
      'fresh numbers after the reset',
    );
  });

  it('makes the same Helix requests per interval with 1 client and with 200', async () => {
    // Counts from now until the next scheduled poll ends: exactly one poll's requests.
    const requestsForNextPoll = async () => {
      const polls = poller.status.polls;
      service.simulator.resetHelixRequestCounts();
      await eventually(() => poller.status.polls > polls, 'the next scheduled poll', 25_000);
      return polledRequests();
    };
    const withOne = await requestsForNextPoll();
    const many = await Promise.all(
      Array.from({ length: 199 }, () =>
        SseTestClient.connect(`${service.baseUrl}/api/twitch/stream`),
      ),
    );
    try {
      expect((await health()).sse.clients).toBeGreaterThanOrEqual(200);
      const withMany = await requestsForNextPoll();
      expect(withOne).toEqual({ streams: 1, 'channels/followers': 1, subscriptions: 1 });
      expect(withMany).toEqual(withOne);
    } finally {
      await Promise.all(many.map((c) => c.close()));
    }
  }, 90_000);
});
