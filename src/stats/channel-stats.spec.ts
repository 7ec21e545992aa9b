import { EventBus } from '../bus/event-bus.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import { loadConfig } from '../config/app-config.js';
import type { StatsData } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import type { ProjectionRunner } from '../projections/projection-runner.js';
import { ChannelStats } from './channel-stats.js';

function setUp(env: Record<string, string> = {}) {
  const config = loadConfig(env, null);
  const bus = new EventBus(new MemoryEventLog(10));
  const published: StatsData[] = [];
  bus.messages$.subscribe(({ message }) => {
    if (message.type === 'stats') published.push(message.data);
  });
  const runner = { register: () => {} } as unknown as ProjectionRunner;
  const stats = new ChannelStats(bus, config, runner);
  // What the runner does as the projection registers.
  stats.restore('start');
  const event = (type: TwitchEventType, data: Record<string, unknown> = {}) =>
    stats.apply({ type, data, publishedId: 0 });
  return { bus, stats, published, event };
}

const reading = {
  live: true,
  viewers: 40,
  followers: 100,
  subs: 10,
  subPoints: 12,
  startedAt: '2026-11-26T16:00:00.000Z',
  title: 'Hi',
  game: 'Chess',
};

describe('ChannelStats', () => {
  it('publishes unknown numbers at start, then the first poll', () => {
    const { stats, published } = setUp();
    expect(published).toEqual([{ live: false, viewers: 0, followers: 0, subs: 0, polledAt: null }]);
    stats.applyReading(reading, new Date('2026-11-26T17:00:00Z'));
    expect(published.at(-1)).toMatchObject({
      live: true,
      viewers: 40,
      followers: 100,
      subs: 10,
      subPoints: 12,
      title: 'Hi',
      game: 'Chess',
      polledAt: '2026-11-26T17:00:00.000Z',
    });
  });

  it('moves the numbers at once on events, and the next poll corrects drift', () => {
    const { stats, published, event } = setUp();
    stats.applyReading(reading, new Date());
    event('channel.follow');
    expect(published.at(-1)?.followers).toBe(101);
    event('channel.subscribe', { is_gift: false });
    expect(published.at(-1)?.subs).toBe(11);
    event('channel.subscription.gift', { total: 5 });
    // The five gifted subs Twitch then announces one by one are already counted.
    for (let i = 0; i < 5; i++) event('channel.subscribe', { is_gift: true });
    expect(published.at(-1)?.subs).toBe(16);
    stats.applyReading({ ...reading, followers: 103, subs: 15 }, new Date());
    expect(published.at(-1)).toMatchObject({ followers: 103, subs: 15 });
  });

  it('counts gifted subs one by one when the gift event is not subscribed to', () => {
    const { published, event } = setUp({ EVENTSUB_EVENTS: 'channel.subscribe' });
    for (let i = 0; i < 3; i++) event('channel.subscribe', { is_gift: true });
    expect(published.at(-1)?.subs).toBe(3);
  });

  it('follows the stream going online and offline', () => {
    const { stats, published, event } = setUp();
    stats.applyReading({ ...reading, live: false, viewers: 0, startedAt: null }, new Date());
    event('stream.online', { started_at: '2026-11-26T18:00:00Z' });
    expect(published.at(-1)).toMatchObject({ live: true, startedAt: '2026-11-26T18:00:00Z' });
    stats.applyReading({ ...reading, viewers: 12 }, new Date());
    event('stream.offline');
    expect(published.at(-1)).toMatchObject({ live: false, viewers: 0, startedAt: null });
  });

  it('starts from the numbers kept from before a restart, marked stale until the first poll', () => {
    const config = loadConfig({}, null);
    const bus = new EventBus(new MemoryEventLog(10));
    bus.publish({ type: 'stats', data: { live: true, viewers: 9, followers: 50, subs: 4 } });
    const stats = new ChannelStats(bus, config, {
      register: () => {},
    } as unknown as ProjectionRunner);
    stats.restore('start');
    expect(bus.snapshot('stats')?.message.data).toMatchObject({
      followers: 50,
      stale: true,
      error: expect.stringMatching(/before the service restarted/),
    });
    stats.applyReading(reading, new Date());
    expect(bus.snapshot('stats')?.message.data).not.toHaveProperty('stale');
  });

  it('goes on from the numbers the last leader published when this instance takes the lead', () => {
    const { bus, stats, published } = setUp();
    // Published by the leader meanwhile (read back from the shared log); this copy never polled.
    bus.publish({ type: 'stats', data: { live: true, viewers: 30, followers: 70, subs: 6 } });
    stats.restore('lead');
    stats.apply({ type: 'channel.follow', data: {}, publishedId: 0 });
    expect(published.at(-1)).toMatchObject({ live: true, viewers: 30, followers: 71, subs: 6 });
  });

  it('publishes nothing when a poll finds the same numbers', () => {
    const { stats, published } = setUp();
    stats.applyReading(reading, new Date());
    const count = published.length;
    stats.applyReading(reading, new Date(Date.now() + 60_000));
    expect(published).toHaveLength(count);
  });

  it('keeps the last good numbers, marked stale with the error, until a poll succeeds', () => {
    const { stats, published } = setUp();
    stats.applyReading(reading, new Date());
    stats.markStale('Helix answered 500');
    expect(published.at(-1)).toMatchObject({
      followers: 100,
      stale: true,
      error: 'Helix answered 500',
    });
    stats.applyReading(reading, new Date());
    expect(published.at(-1)?.stale).toBeUndefined();
    expect(published.at(-1)?.error).toBeUndefined();
  });

  it('keeps the latest hype train, goal of each type, poll and prediction, through polls', () => {
    const { stats, published, event } = setUp();
    stats.applyReading(reading, new Date());
    event('channel.hype_train.progress', { id: 'train', level: 2 });
    // Twitch may deliver a begin after its first progress: the state never steps back.
    event('channel.hype_train.begin', { id: 'train', level: 1 });
    expect(published.at(-1)?.hypeTrain).toEqual({
      event: 'channel.hype_train.progress',
      data: { id: 'train', level: 2 },
    });
    event('channel.goal.begin', { id: 'g1', type: 'follower', current_amount: 100 });
    event('channel.goal.begin', { id: 'g2', type: 'new_bit', current_amount: 0 });
    event('channel.goal.progress', { id: 'g1', type: 'follower', current_amount: 101 });
    expect(published.at(-1)?.goals).toEqual([
      { event: 'channel.goal.begin', data: { id: 'g2', type: 'new_bit', current_amount: 0 } },
      {
        event: 'channel.goal.progress',
        data: { id: 'g1', type: 'follower', current_amount: 101 },
      },
    ]);
    // A new follower goal takes the place of the ended one.
    event('channel.goal.end', { id: 'g1', type: 'follower', current_amount: 101 });
    event('channel.goal.begin', { id: 'g3', type: 'follower', current_amount: 101 });
    expect(published.at(-1)?.goals?.map((g) => g.data.id)).toEqual(['g2', 'g3']);
    event('channel.poll.begin', { id: 'p', title: 'Next?' });
    event('channel.poll.end', { id: 'p', status: 'completed' });
    event('channel.prediction.lock', { id: 'q' });
    stats.applyReading(reading, new Date());
    expect(published.at(-1)).toMatchObject({
      poll: { event: 'channel.poll.end', data: { id: 'p', status: 'completed' } },
      prediction: { event: 'channel.prediction.lock', data: { id: 'q' } },
      hypeTrain: { event: 'channel.hype_train.progress' },
    });
  });

  it('keeps the latest ad break through polls, a restart and a handover to another instance', () => {
    const { bus, stats, published, event } = setUp();
    stats.applyReading(reading, new Date());
    const data = { duration_seconds: 90, started_at: '2026-11-26T17:00:00Z', is_automatic: true };
    event('channel.ad_break.begin', data);
    stats.applyReading({ ...reading, viewers: 41 }, new Date());
    const adBreak = { event: 'channel.ad_break.begin', data };
    expect(published.at(-1)).toMatchObject({ viewers: 41, adBreak });

    // A restart reads the stats back from the event log; a new leader, what the last one published.
    const restarted = new ChannelStats(bus, loadConfig({}, null), {
      register: () => {},
    } as unknown as ProjectionRunner);
    restarted.restore('start');
    expect(bus.snapshot('stats')?.message.data).toMatchObject({ stale: true, adBreak });
    const leader = new ChannelStats(bus, loadConfig({}, null), {
      register: () => {},
    } as unknown as ProjectionRunner);
    leader.restore('lead');
    leader.apply({ type: 'channel.follow', data: {}, publishedId: 0 });
    expect(published.at(-1)).toMatchObject({ followers: 101, adBreak });
  });

  it('leaves the numbers alone for a channel points redemption', () => {
    const { stats, published, event } = setUp();
    stats.applyReading(reading, new Date());
    const count = published.length;
    event('channel.channel_points_custom_reward_redemption.add', { id: 'r' });
    expect(published).toHaveLength(count);
  });
});

describe('ChannelStats and the charity campaign Helix lists at start', () => {
  const usd = (value: number) => ({ value, decimal_places: 2, currency: 'USD' });
  const campaign = (id: string, raised: number) => ({
    id,
    broadcaster_user_id: '1',
    broadcaster_user_login: 'me',
    broadcaster_user_name: 'Me',
    charity_name: 'Example Friends',
    charity_description: '',
    charity_logo: '',
    charity_website: '',
    current_amount: usd(raised),
    target_amount: usd(150_000),
  });

  it('shows the running campaign from Helix, then its events move it', () => {
    const { stats, published, event } = setUp();
    stats.applyHelixCharity({
      event: 'channel.charity_campaign.progress',
      data: campaign('c1', 900),
    });
    expect(published.at(-1)?.charity?.data.current_amount.value).toBe(900);
    event('channel.charity_campaign.progress', campaign('c1', 2600));
    expect(published.at(-1)?.charity?.data.current_amount.value).toBe(2600);
  });

  it('lets go of a campaign kept as running that Helix no longer lists, but keeps a stopped one', () => {
    const { stats, published, event } = setUp();
    event('channel.charity_campaign.start', campaign('c1', 0));
    stats.applyHelixCharity(null);
    expect(published.at(-1)?.charity).toBeUndefined();

    event('channel.charity_campaign.stop', { ...campaign('c2', 5000), stopped_at: 'x' });
    const before = published.length;
    stats.applyHelixCharity(null);
    // A stop that came in while Helix was read is not undone by Helix's older answer either.
    stats.applyHelixCharity({
      event: 'channel.charity_campaign.progress',
      data: campaign('c2', 4000),
    });
    expect(published).toHaveLength(before);
    expect(published.at(-1)?.charity?.event).toBe('channel.charity_campaign.stop');
  });
});
