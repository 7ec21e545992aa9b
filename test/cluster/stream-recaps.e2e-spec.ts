import type { StreamCredits } from '../../src/credits/credits-api.js';
import type { StreamListResponse, StreamRecap } from '../../src/streams/streams-api.js';
import { csvRecords } from '../support/csv.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis } from '../support/redis-server.js';
import { ClusterHarness, type Instance } from './cluster-harness.js';
import { BUILD_TIMEOUT_MS, buildIfNeeded } from '../support/built-service.js';

/**
 * Streams, their recaps, downloads and credits among two instances on one Redis: the leader keeps
 * the streams in Redis and every instance reads them, and the events, from there — so both answer
 * alike; and a stream live when the leader is killed with -9 goes on, the same stream, under the
 * next leader, its recap counting the events from before and after.
 */
describeWithRedis('streams and recaps among several instances on Redis', () => {
  let cluster: ClusterHarness;
  let a: Instance;
  let b: Instance;

  const get = async <T>(instance: Instance, path: string) => {
    const response = await fetch(`${instance.baseUrl}${path}`);
    return { status: response.status, body: (await response.json()) as T };
  };
  const text = async (instance: Instance, path: string) => {
    const response = await fetch(`${instance.baseUrl}${path}`);
    return {
      complete: response.headers.get('x-stream-events-complete'),
      body: await response.text(),
    };
  };
  const trigger = (...args: Parameters<ClusterHarness['simulator']['trigger']>) =>
    cluster.simulator.trigger(...args);

  // The build first, in a hook of its own: waiting for it never eats the cluster's set-up time.
  beforeAll(buildIfNeeded, BUILD_TIMEOUT_MS);

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    a = await cluster.startInstance('a');
    await cluster.receiving(a);
    b = await cluster.startInstance('b');
    await cluster.standingBy(b);
  }, 120_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  let first: StreamRecap;

  it('both instances list the same streams and give the same recap, CSV and credits, as sent', async () => {
    trigger('stream.online', { viewers: 30 });
    await eventually(async () => {
      const [onA, onB] = await Promise.all([
        get<StreamRecap>(a, '/api/streams/current'),
        get<StreamRecap>(b, '/api/streams/current'),
      ]);
      return onA.status === 200 && onB.status === 200 && onA.body.id === onB.body.id;
    }, 'the stream to be current on both instances');
    for (const user of ['fan_a', 'fan_b', 'fan_c']) trigger('channel.follow', { user });
    trigger('channel.subscribe', { user: 'sub_a', tier: 1 });
    trigger('channel.subscribe', { user: 'sub_b', tier: 2 });
    trigger('channel.subscription.message', { user: 'loyal', tier: 1, months: 7 });
    trigger('channel.subscription.gift', { user: 'gifter_one', total: 3, tier: 1 });
    trigger('channel.cheer', { user: 'cheery', bits: 100 });
    trigger('channel.cheer', { user: 'cheery', bits: 50 });
    trigger('channel.raid', { user: 'raider_one', viewers: 12 });
    // The offline once every event is in the log, so the stream holds them all.
    await eventually(
      async () => (await get<StreamRecap>(b, '/api/streams/current')).body.raids?.length === 1,
      'the raid in the live stream’s recap on the follower',
    );
    trigger('stream.offline');
    await eventually(async () => {
      const [onA, onB] = await Promise.all([
        get<StreamListResponse>(a, '/api/streams'),
        get<StreamListResponse>(b, '/api/streams'),
      ]);
      return onA.body.streams[0]?.endedAt != null && onB.body.streams[0]?.endedAt != null;
    }, 'the stream to end on both instances');

    const [listA, listB] = await Promise.all([
      get<StreamListResponse>(a, '/api/streams'),
      get<StreamListResponse>(b, '/api/streams'),
    ]);
    expect(listB.body).toEqual(listA.body);
    expect(listA.body.streams).toHaveLength(1);
    const id = listA.body.streams[0]!.id;

    const [recapA, recapB] = await Promise.all([
      get<StreamRecap>(a, `/api/streams/${id}`),
      get<StreamRecap>(b, `/api/streams/${id}`),
    ]);
    expect(recapB.body).toEqual(recapA.body);
    first = recapA.body;
    expect(first).toMatchObject({
      live: false,
      startSource: 'stream.online',
      endSource: 'stream.offline',
      followers: 3,
      subs: { new: 2, resub: 1, gifted: 3 },
      giftBombs: { count: 1, subs: 3, gifters: [{ login: 'gifter_one', gifts: 1, subs: 3 }] },
      bits: { total: 150, cheers: 150 },
      raids: [{ login: 'raider_one', viewers: 12 }],
      topCheerer: { login: 'cheery', amount: 150 },
      topGifter: { login: 'gifter_one', amount: 3 },
      incomplete: [],
    });

    const [csvA, csvB] = await Promise.all([
      text(a, `/api/streams/${id}/events.csv`),
      text(b, `/api/streams/${id}/events.csv`),
    ]);
    expect(csvB).toEqual(csvA);
    expect(csvA.complete).toBe('true');
    const rows = csvRecords(csvA.body);
    expect(rows.map((row) => row.event)).toEqual(
      expect.arrayContaining(['stream.online', 'channel.raid', 'stream.offline']),
    );
    expect(
      rows.filter((row) => row.event === 'channel.follow').map((row) => row.user_login),
    ).toEqual(['fan_a', 'fan_b', 'fan_c']);
    expect(rows).toHaveLength(first.events);

    const [creditsA, creditsB] = await Promise.all([
      get<StreamCredits>(a, '/api/credits'),
      get<StreamCredits>(b, '/api/credits'),
    ]);
    expect({ ...creditsB.body, lastId: 0 }).toEqual({ ...creditsA.body, lastId: 0 });
    const logins = (section: keyof StreamCredits['sections']) =>
      creditsA.body.sections[section].map(({ login }) => login);
    expect(creditsA.body.stream).toMatchObject({ id, live: false });
    expect(logins('followers')).toEqual(['fan_a', 'fan_b', 'fan_c']);
    expect(logins('subscribers')).toEqual(['sub_a', 'sub_b', 'loyal']);
    expect(logins('gifters')).toEqual(['gifter_one']);
    expect(creditsA.body.sections.cheerers).toEqual([
      expect.objectContaining({ login: 'cheery', amount: 150 }),
    ]);
    expect(logins('raiders')).toEqual(['raider_one']);
    expect(creditsA.body.incomplete).toEqual([]);
  }, 120_000);

  it('a stream live when the leader is killed goes on under the next one: the same stream, every event counted', async () => {
    trigger('stream.online', { viewers: 20 });
    let live: StreamRecap | undefined;
    await eventually(async () => {
      const { status, body } = await get<StreamRecap>(b, '/api/streams/current');
      live = status === 200 ? body : undefined;
      return live !== undefined && live.id !== first.id;
    }, 'the second stream to be current on the follower');
    trigger('channel.follow', { user: 'before_kill_1' });
    trigger('channel.follow', { user: 'before_kill_2' });
    await eventually(
      async () => (await get<StreamRecap>(b, '/api/streams/current')).body.followers === 2,
      'the follows before the kill in the recap',
    );

    // The polls the first leader kept (its re-poll soon after stream.online, at least).
    let seriesBefore: StreamRecap['viewerSeries'] = [];
    await eventually(async () => {
      seriesBefore = (await get<StreamRecap>(b, '/api/streams/current')).body.viewerSeries;
      return seriesBefore.length > 0;
    }, 'a poll of the live stream kept');
    await a.kill();
    await cluster.receiving(b, 45_000);
    trigger('channel.follow', { user: 'after_kill_1' });
    trigger('channel.cheer', { user: 'late_cheer', bits: 40 });
    await eventually(async () => {
      const { body } = await get<StreamRecap>(b, '/api/streams/current');
      return body.followers === 3 && body.bits.total === 40;
    }, 'the events after the kill in the same recap');

    const current = (await get<StreamRecap>(b, '/api/streams/current')).body;
    expect(current).toMatchObject({ id: live!.id, startedAt: live!.startedAt, live: true });
    trigger('stream.offline');
    await eventually(
      async () => (await get<StreamRecap>(b, `/api/streams/${live!.id}`)).body.endedAt !== null,
      'the second stream to end',
    );
    const list = (await get<StreamListResponse>(b, '/api/streams')).body;
    // No split: still two streams, the second one whole.
    expect(list.streams.map((stream) => stream.id)).toEqual([live!.id, first.id]);
    const recap = (await get<StreamRecap>(b, `/api/streams/${live!.id}`)).body;
    expect(recap).toMatchObject({
      startSource: 'stream.online',
      endSource: 'stream.offline',
      followers: 3,
      bits: { total: 40 },
      incomplete: [],
    });
    expect(recap.viewerSeries.slice(0, seriesBefore.length)).toEqual(seriesBefore);
    const csv = csvRecords((await text(b, `/api/streams/${live!.id}/events.csv`)).body);
    expect(
      csv.filter((row) => row.event === 'channel.follow').map((row) => row.user_login),
    ).toEqual(['before_kill_1', 'before_kill_2', 'after_kill_1']);
    const credits = (await get<StreamCredits>(b, '/api/credits')).body;
    expect(credits.stream).toMatchObject({ id: live!.id });
    expect(credits.sections.followers.map(({ login }) => login)).toEqual([
      'before_kill_1',
      'before_kill_2',
      'after_kill_1',
    ]);
  }, 150_000);
});
