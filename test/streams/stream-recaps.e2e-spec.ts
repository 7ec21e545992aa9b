import { Ajv2020 } from 'ajv/dist/2020.js';
import formatsPlugin from 'ajv-formats';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Subscription } from 'rxjs';
import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { StatsPoller, type PolledReading } from '../../src/stats/stats-poller.js';
import type { EventHistoryResponse } from '../../src/alerts/alerts-api.js';
import type {
  StreamEventsResponse,
  StreamListResponse,
  StreamRecap,
} from '../../src/streams/streams-api.js';
import { csvRecords } from '../support/csv.js';
import { eventually } from '../support/eventually.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

/** Text a spreadsheet would run as a formula, typed by a viewer. */
const FORMULA = '=HYPERLINK("http://evil.example/","click me")';

/**
 * Two streams driven through the simulator (Twurple's real EventSub and Helix paths), each checked
 * against what was sent: the recap's figures come from the log's events between the stream's
 * stream.online and stream.offline, its viewers from the polls that saw it live; its events
 * download as CSV and JSON.
 */
describe('Streams and their recaps: simulator → EventSub and polls → /api/streams', () => {
  let service: TwitchTestApp;
  let readingsSubscription: Subscription;
  const readings: PolledReading[] = [];

  const get = async (path: string) => {
    const response = await fetch(`${service.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as unknown };
  };
  const trigger = (...args: Parameters<TwitchTestApp['simulator']['trigger']>) =>
    service.simulator.trigger(...args);
  const poll = () => service.app.get(StatsPoller).pollNow();

  /** The polls that saw the stream begun at `startedAt` live (Helix's time, to the millisecond). */
  const readingsOf = (startedAt: string) =>
    readings.filter(
      ({ reading }) =>
        reading.live &&
        reading.startedAt !== null &&
        Math.abs(Date.parse(reading.startedAt) - Date.parse(startedAt)) < 1_000,
    );

  /**
   * Goes live, waits for the service to see it, polls, and waits for the poller's own poll soon
   * after stream.online: with the interval poll an hour away, the polls after it are the test's.
   */
  async function goLive(viewers: number): Promise<StreamRecap> {
    const before = await get('/api/streams/current');
    trigger('stream.online', { viewers });
    let current: StreamRecap | undefined;
    await eventually(async () => {
      const { status, body } = await get('/api/streams/current');
      current = status === 200 ? (body as StreamRecap) : undefined;
      return current !== undefined && current.id !== (before.body as StreamRecap | undefined)?.id;
    }, 'the new stream to be current');
    await poll();
    await eventually(
      () => readingsOf(current!.startedAt).length >= 2,
      'the poll the poller makes soon after stream.online',
    );
    return current!;
  }

  /** Ends the stream and waits for the service to have every event before the offline. */
  async function goOffline(id: number): Promise<StreamRecap> {
    trigger('stream.offline');
    let recap: StreamRecap | undefined;
    await eventually(async () => {
      recap = (await get(`/api/streams/${id}`)).body as StreamRecap;
      return recap.endedAt !== null;
    }, `stream ${id} to end`);
    return recap!;
  }

  /** The viewers of the polls that saw the stream begun at `startedAt`. */
  function viewersOf(startedAt: string) {
    const seen = readingsOf(startedAt).map(({ reading }) => reading.viewers);
    return {
      polls: seen.length,
      peak: Math.max(...seen),
      average: Math.round(seen.reduce((sum, n) => sum + n, 0) / seen.length),
      last: seen.at(-1),
    };
  }

  beforeAll(async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'twitch-realtime-streams-')), 'data');
    service = await startTwitchTestApp({
      EVENT_LOG: 'sqlite',
      DATA_DIR: dataDir,
      STATS_POLL_INTERVAL: '3600',
      // Bits from channel.bits.use (in place of channel.cheer): cheers, Power-ups and Combos apart.
      EVENTSUB_EVENTS: [
        ...DEFAULT_EVENT_TYPES,
        'channel.bits.use',
        'channel.channel_points_custom_reward_redemption.add',
        'channel.hype_train.begin',
        'channel.hype_train.progress',
        'channel.hype_train.end',
        'channel.goal.begin',
        'channel.goal.progress',
        'channel.goal.end',
      ].join(','),
    });
    readingsSubscription = service.app
      .get(StatsPoller)
      .readings$.subscribe((reading) => readings.push(reading));
    await eventually(async () => {
      const { eventsub } = (await get('/api/health')).body as HealthReport;
      const subscriptions = eventsub?.subscriptions ?? [];
      return (
        eventsub?.state === 'connected' &&
        subscriptions.length > 0 &&
        subscriptions.every((s) => s.status === 'enabled')
      );
    }, 'EventSub connected with its subscriptions enabled');
  });

  afterAll(async () => {
    readingsSubscription?.unsubscribe();
    await service?.close();
  });

  let first: StreamRecap;
  let second: StreamRecap;

  it('a stream’s recap counts what was sent between its stream.online and stream.offline', async () => {
    const live = await goLive(40);
    expect(live).toMatchObject({ live: true, startSource: 'stream.online', endedAt: null });
    for (const user of ['fan_a', 'fan_b', 'fan_c']) trigger('channel.follow', { user });
    trigger('channel.subscribe', { user: 'sub_a', tier: 1 });
    trigger('channel.subscribe', { user: 'sub_b', tier: 2 });
    trigger('channel.subscription.message', { user: 'loyal', tier: 3, months: 5 });
    trigger('channel.subscription.gift', { user: 'gifter_one', total: 5, tier: 1 });
    trigger('channel.cheer', { user: 'cheery', bits: 100 });
    trigger('channel.cheer', { user: 'cheery', bits: 50 });
    trigger('channel.cheer', { user: 'other_cheerer', bits: 120, message: `${FORMULA} Cheer120` });
    trigger('channel.bits.use', { user: 'powerful', bits: 50, bitsType: 'power_up' });
    trigger('channel.raid', { user: 'raider_one', viewers: 25 });
    for (const reward of ['Hydrate!', 'Song request', 'Hydrate!']) {
      trigger('channel.channel_points_custom_reward_redemption.add', {
        user: 'redeemer',
        reward,
        input: '@SUM(1+1)',
      });
    }
    trigger('channel.hype_train.begin', { user: 'hype_starter', bits: 500 });
    trigger('channel.hype_train.progress', { user: 'hype_helper', bits: 2_000 });
    trigger('channel.hype_train.end');
    trigger('channel.goal.begin', { goalType: 'new_bit', target: 1_000, description: 'New mic' });
    trigger('channel.goal.progress', { goalType: 'new_bit', amount: 1_000 });
    trigger('channel.goal.end', { goalType: 'new_bit' });
    trigger('channel.goal.begin', { goalType: 'new_subscription', target: 50 });
    trigger('channel.goal.end', { goalType: 'new_subscription' });
    await poll(); // 40 + the raid's 25
    first = await goOffline(live.id);
    const lastSent = async (event: string) =>
      ((await get(`/api/events?events=${event}&limit=1`)).body as EventHistoryResponse).events[0]
        ?.message.data;
    const trainBegin = await lastSent('channel.hype_train.begin');
    const trainEnd = await lastSent('channel.hype_train.end');

    expect(first).toMatchObject({
      live: false,
      startSource: 'stream.online',
      endSource: 'stream.offline',
      followers: 3,
      subs: { new: 2, resub: 1, gifted: 5, byTier: { '1000': 6, '2000': 1, '3000': 1 } },
      giftBombs: { count: 1, subs: 5, gifters: [{ login: 'gifter_one', gifts: 1, subs: 5 }] },
      bits: { total: 320, cheers: 270, powerUps: 50, combos: 0 },
      raids: [{ login: 'raider_one', viewers: 25, at: expect.any(String) }],
      redemptions: [
        { reward: 'Hydrate!', count: 2 },
        { reward: 'Song request', count: 1 },
      ],
      hypeTrains: [
        {
          id: trainEnd?.id,
          level: trainEnd?.level,
          ended: true,
          startedAt: trainBegin?.started_at,
        },
      ],
      goalsReached: [{ type: 'new_bit', description: 'New mic', target: 1_000 }],
      topCheerer: { login: 'cheery', amount: 150 },
      topGifter: { login: 'gifter_one', amount: 5 },
      recovery: { recovered: {}, gaps: [], mayBeMissing: [] },
      incomplete: [],
    });
    // 500 + 2,000 points climbed past level 1 (1,000) and 2 (1,500).
    expect(first.hypeTrains[0]?.level).toBe(3);
    const raidAt = Date.parse(first.raids[0]!.at!);
    expect(raidAt).toBeGreaterThanOrEqual(Date.parse(first.startedAt));
    expect(raidAt).toBeLessThanOrEqual(Date.parse(first.endedAt!));
    const viewers = viewersOf(first.startedAt);
    expect(viewers.peak).toBe(65);
    expect(first.viewers).toEqual(viewers);
    expect(first.viewerSeries.map((point) => point.viewers)).toContain(40);
    expect(first.viewerSeries).toHaveLength(viewers.polls);
  });

  it('a second stream has only its own events, and the first one’s recap stays as it was', async () => {
    const live = await goLive(10);
    expect(live.id).toBe(first.id + 1);
    const sofar = (await get('/api/streams/current/events.json')).body as StreamEventsResponse;
    expect(sofar.stream).toMatchObject({ id: live.id, live: true, endedAt: null });
    expect(sofar.events[0]?.message.event).toBe('stream.online');
    trigger('channel.follow', { user: 'fan_d' });
    trigger('channel.subscription.gift', { anonymous: true, total: 2, tier: 2 });
    trigger('channel.cheer', { user: 'second_cheerer', bits: 500 });
    trigger('channel.raid', { user: 'raider_two', viewers: 7 });
    await poll();
    second = await goOffline(live.id);

    expect(second).toMatchObject({
      followers: 1,
      subs: { new: 0, resub: 0, gifted: 2, byTier: { '2000': 2 } },
      giftBombs: { count: 1, subs: 2, gifters: [{ name: null, login: null, gifts: 1, subs: 2 }] },
      bits: { total: 500, cheers: 500, powerUps: 0, combos: 0 },
      raids: [{ login: 'raider_two', viewers: 7 }],
      topCheerer: { login: 'second_cheerer', amount: 500 },
      topGifter: null,
      incomplete: [],
    });
    expect(second.viewers).toEqual(viewersOf(second.startedAt));
    expect(second.viewers.peak).toBe(17);
    const again = (await get(`/api/streams/${first.id}`)).body as StreamRecap;
    expect({ ...again, durationSeconds: first.durationSeconds }).toEqual(first);
  });

  it('downloads each stream’s events as CSV and JSON: the recap’s events, formulas made plain text', async () => {
    for (const recap of [first, second]) {
      const csv = await fetch(`${service.baseUrl}/api/streams/${recap.id}/events.csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
      expect(csv.headers.get('content-disposition')).toBe(
        `attachment; filename="stream-${recap.id}-events.csv"`,
      );
      expect(csv.headers.get('x-stream-events-complete')).toBe('true');
      // Read as bytes: fetch's text() drops a byte order mark, which Excel needs to see.
      const text = Buffer.from(await csv.arrayBuffer()).toString('utf8');
      expect(text.startsWith('\uFEFFid,time,event,what,')).toBe(true);
      const rows = csvRecords(text);
      expect(rows).toHaveLength(recap.events);

      const json = await fetch(`${service.baseUrl}/api/streams/${recap.id}/events.json`);
      expect(json.headers.get('content-disposition')).toBe(
        `attachment; filename="stream-${recap.id}-events.json"`,
      );
      const body = (await json.json()) as StreamEventsResponse;
      expect(body.complete).toBe(true);
      expect(body.stream).toEqual({
        id: recap.id,
        live: false,
        startedAt: recap.startedAt,
        startSource: recap.startSource,
        endedAt: recap.endedAt,
        endSource: recap.endSource,
        viewers: recap.viewers,
      });
      expect(body.events.map((event) => event.id)).toEqual(rows.map((row) => Number(row.id)));
      expect(body.events.map((event) => event.message.event)).toEqual(rows.map((row) => row.event));
      expect(body.events[0]?.message.event).toBe('stream.online');
      expect(body.events.at(-1)?.message.event).toBe('stream.offline');
    }

    const rows = csvRecords(
      await (await fetch(`${service.baseUrl}/api/streams/${first.id}/events.csv`)).text(),
    );
    const of = (event: string) => rows.filter((row) => row.event === event);
    expect(of('channel.follow').map((row) => row.user_login)).toEqual(['fan_a', 'fan_b', 'fan_c']);
    expect(of('channel.subscription.gift')).toEqual([
      expect.objectContaining({
        user_login: 'gifter_one',
        amount: '5',
        unit: 'subs',
        tier: '1000',
      }),
    ]);
    expect(of('channel.subscription.message')).toEqual([
      expect.objectContaining({ user_login: 'loyal', amount: '5', unit: 'months', tier: '3000' }),
    ]);
    expect(of('channel.bits.use').map((row) => [row.user_login, row.amount])).toEqual([
      ['cheery', '100'],
      ['cheery', '50'],
      ['other_cheerer', '120'],
      ['powerful', '50'],
    ]);
    expect(of('channel.raid')).toEqual([
      expect.objectContaining({ user_login: 'raider_one', amount: '25', unit: 'viewers' }),
    ]);
    expect(
      of('channel.channel_points_custom_reward_redemption.add').map((row) => row.detail),
    ).toEqual(['Hydrate!', 'Song request', 'Hydrate!']);
    // A viewer's formula is text in the file: a leading quote, the rest as typed.
    // (channel.cheer is not subscribed to beside channel.bits.use: each cheer comes once.)
    expect(of('channel.cheer')).toEqual([]);
    const formulas = of('channel.bits.use').filter((row) => row.user_login === 'other_cheerer');
    expect(formulas.map((row) => row.message)).toEqual([`'${FORMULA} Cheer120`]);
    expect(JSON.parse(formulas[0]!.data!)).toMatchObject({ bits: 120 });
    for (const row of of('channel.channel_points_custom_reward_redemption.add')) {
      expect(row.message).toBe("'@SUM(1+1)");
    }
    for (const row of rows) {
      for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/);
    }
  });

  it('answers recaps and lists as the OpenAPI document describes them', async () => {
    const { body: document } = await get('/api/openapi.json');
    const ajv = new Ajv2020({ strict: false, allowUnionTypes: true });
    formatsPlugin.default(ajv);
    const { components } = document as { components: unknown };
    ajv.addSchema({ $id: 'https://openapi.local/doc', components }, 'doc');
    const recap = ajv.compile({ $ref: 'doc#/components/schemas/StreamRecap' });
    const list = ajv.compile({ $ref: 'doc#/components/schemas/StreamListResponse' });
    for (const body of [first, second]) {
      expect({ valid: recap(body), errors: recap.errors }).toEqual({ valid: true, errors: null });
    }
    const page = (await get('/api/streams')).body;
    expect({ valid: list(page), errors: list.errors }).toEqual({ valid: true, errors: null });
    const events = ajv.compile({ $ref: 'doc#/components/schemas/StreamEventsResponse' });
    const download = (await get(`/api/streams/${first.id}/events.json`)).body;
    expect({ valid: events(download), errors: events.errors }).toEqual({
      valid: true,
      errors: null,
    });
  });

  it('lists the streams newest first, a page at a time', async () => {
    const page = (await get('/api/streams?limit=1')).body as StreamListResponse;
    expect(page.streams.map((stream) => stream.id)).toEqual([second.id]);
    expect(page.nextCursor).toBe(second.id);
    const next = (await get(page.next!)).body as StreamListResponse;
    expect(next.streams.map((stream) => stream.id)).toEqual([first.id]);
    expect(next.streams[0]).toMatchObject({ endSource: 'stream.offline', viewers: first.viewers });
  });

  it('answers 404 when no stream is live or none has the id, and 400 naming what cannot be read', async () => {
    const current = await get('/api/streams/current');
    expect(current.status).toBe(404);
    expect(current.body).toMatchObject({ message: expect.stringContaining('No stream is live') });
    const unknown = await get('/api/streams/9999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({
      message: expect.stringContaining('No stream has id 9999'),
    });
    for (const path of ['/api/streams/current/events.csv', '/api/streams/9999/events.json']) {
      const missing = await get(path);
      expect({ path, status: missing.status }).toEqual({ path, status: 404 });
      expect(missing.body).toMatchObject({ message: expect.stringContaining('GET /api/streams') });
    }
    for (const [path, parameter] of [
      ['/api/streams/abc', 'id must be'],
      ['/api/streams/abc/events.csv', 'id must be'],
      ['/api/streams/0/events.json', 'id must be'],
      ['/api/streams/0', 'id must be'],
      ['/api/streams?limit=0', 'limit must be'],
      ['/api/streams?limit=101', 'limit must be'],
      ['/api/streams?before=x', 'before must be'],
    ] as const) {
      const answer = await get(path);
      expect({ path, status: answer.status }).toEqual({ path, status: 400 });
      expect(answer.body).toMatchObject({ message: expect.stringContaining(parameter) });
    }
  });
});
