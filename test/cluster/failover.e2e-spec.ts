import { Redis } from 'ioredis';
import { itInBrowser, launchChromium, openPage, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { CuttableLink, describeWithRedis } from '../support/redis-server.js';
import { SseTestClient } from '../support/sse-client.js';
import { ClusterHarness, follows, idsIncrease, type Instance } from './cluster-harness.js';
import { BUILD_TIMEOUT_MS, buildIfNeeded } from '../support/built-service.js';

/**
 * Several instances of the built service on one real Redis and one simulated Twitch: exactly one
 * holds the Twitch connection; clients of any instance see every event once, in order, across a
 * leader killed with -9, a switch of instance and a leader partitioned from Redis.
 *
 * Without a standby (STANDBY=false): what a handover loses is a true gap, recovered through Helix.
 * The standby's failover, which loses nothing, is standby.e2e-spec.ts's.
 */
describeWithRedis('several instances on Redis', () => {
  let cluster: ClusterHarness;
  let a: Instance;
  let b: Instance;
  let link: CuttableLink;
  const clients: SseTestClient[] = [];
  const connect = async (instance: Instance, headers: Record<string, string> = {}) => {
    const client = await SseTestClient.connect(
      `${instance.baseUrl}/api/twitch/stream?types=event`,
      headers,
    );
    clients.push(client);
    return client;
  };
  const follow = (user: string) => cluster.simulator.trigger('channel.follow', { user });
  const noStandby = { STANDBY: 'false' };

  // The build first, in a hook of its own: waiting for it never eats the cluster's set-up time.
  beforeAll(buildIfNeeded, BUILD_TIMEOUT_MS);

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    link = await CuttableLink.to(cluster.redis.port);
    // `a` reaches Redis through a link the partition test cuts; it starts first, so it leads.
    a = await cluster.startInstance('a', link.url, noStandby);
    await cluster.receiving(a);
    b = await cluster.startInstance('b', undefined, noStandby);
    // The gap recovery's baseline (followers, subs, bits) is in Redis before anything happens.
    const redis = new Redis(cluster.redis.url);
    await eventually(
      async () => ((await redis.get('twitch-realtime:recovery')) ?? '').includes('"subscribers":['),
      'the recovery baseline in Redis',
    );
    redis.disconnect();
  }, 240_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await cluster?.close();
    await link?.close();
  }, 60_000);

  it('has one leader; a follower has no Twitch connection and relays the dashboard’s actions', async () => {
    const [healthA, healthB] = [await a.health(), await b.health()];
    expect(healthA.instances[0]).toMatchObject({ id: 'a', role: 'leader' });
    expect(healthB.instances[0]).toMatchObject({ id: 'b', role: 'follower' });
    expect(healthB.twitch.state).toBe('standby');
    expect(cluster.simulator.sessions()).toHaveLength(1);
    await eventually(async () => (await b.health()).instances.length === 2, 'b to see a');

    const onA = await connect(a);
    const sent = await fetch(`${b.baseUrl}/api/admin/test-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'channel.raid' }),
    });
    expect(sent.status).toBe(201);
    const { id } = (await sent.json()) as { id: number };
    await onA.waitFor(
      (c) => c.messages.some((m) => Number(m.id) === id),
      10_000,
      'the relayed test alert',
    );
  });

  it('a follower’s admin routes run the subathon timer and the labels on the leader, errors and all', async () => {
    const admin = (instance: Instance, path: string, body?: unknown) =>
      fetch(`${instance.baseUrl}/api/admin/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    const timerOn = async (instance: Instance) =>
      (await (await fetch(`${instance.baseUrl}/api/subathon`)).json()) as { remainingMs: number };

    const before = await timerOn(a);
    const added = await admin(b, 'subathon/add', { seconds: 300 });
    expect(added.status).toBe(200);
    const { subathon, change } = (await added.json()) as {
      subathon: { remainingMs: number };
      change: { addedMs: number };
    };
    expect(change.addedMs).toBe(300_000);
    expect(subathon.remainingMs).toBe(before.remainingMs + 300_000);
    // The leader holds the timer; the follower shows it as the leader published it.
    expect((await timerOn(a)).remainingMs).toBe(subathon.remainingMs);
    await eventually(
      async () => (await timerOn(b)).remainingMs === subathon.remainingMs,
      'the follower to show the leader’s timer',
    );

    // The leader's refusals reach the client as they are: a bad body, an action the state refuses.
    const bad = await admin(b, 'subathon/add', { seconds: -5 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/seconds/);
    expect((await admin(b, 'subathon/remove', { seconds: 31_622_400 })).status).toBe(200);
    const atZero = await admin(b, 'subathon/resume');
    expect(atZero.status).toBe(409);
    expect(((await atZero.json()) as { message: string }).message).toMatch(/zero/i);
    expect((await admin(b, 'subathon/reset')).status).toBe(200);

    const reset = await admin(b, 'labels/reset-session');
    expect(reset.status).toBe(200);
    expect(await reset.json()).toMatchObject({ session: { follows: 0, subs: 0, bits: 0 } });
  });

  itInBrowser('the dashboard’s Connections panel lists every instance with its role', async () => {
    const browser = await launchChromium();
    try {
      const { page, errors } = await openPage(browser);
      await page.goto(`${b.baseUrl}/`);
      const row = page.locator('#instances-status');
      await row.waitFor({ state: 'visible' });
      await eventually(
        async () => /b \(follower.*a \(leader/.test((await row.textContent()) ?? ''),
        'both instances on the dashboard',
      );
      await screenshot(page, 'cluster-dashboard-instances');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a client that switches instances resumes exactly where it left off', async () => {
    const onA = await connect(a);
    follow('switch_1');
    await onA.waitFor((c) => follows(c).includes('switch_1'), 10_000, 'switch_1 on a');
    const lastSeen = onA.messages.at(-1)!.id;
    await onA.close();
    follow('switch_2');
    follow('switch_3');
    const onB = await connect(b, { 'last-event-id': lastSeen });
    await onB.waitFor((c) => follows(c).length >= 2, 10_000, 'the two missed follows on b');
    expect(follows(onB)).toEqual(['switch_2', 'switch_3']);
  });

  it('a leader cut off from Redis is replaced, and what it held back is never published', async () => {
    const onB = await connect(b);
    link.sever();
    // a keeps its Twitch connection but cannot write; b takes the lease once it lapses.
    await cluster.receiving(b, 30_000);
    follow('during_partition');
    await onB.waitFor((c) => follows(c).length >= 1, 10_000, 'the follow during the partition');
    link.heal();
    await eventually(
      async () => (await a.health()).instances[0]?.role === 'follower',
      'a to stand down',
      20_000,
    );
    // (The line is written once its held-back messages are dropped, a moment after the role.)
    await eventually(
      () => /no longer leads/.test(a.output().stdout + a.output().stderr),
      'a to say it stood down',
    );
    follow('after_partition');
    await onB.waitFor((c) => follows(c).length >= 2, 10_000, 'the follow after the partition');
    expect(follows(onB)).toEqual(['during_partition', 'after_partition']);
    expect(idsIncrease(onB)).toBe(true);
  }, 60_000);

  it('kill -9 of the leader: a client of the other instance sees every event once, in order; the handover’s come recovered', async () => {
    // b leads since the partition; a follows, once it has read what b published meanwhile (a
    // client that connects before would get those as new).
    await eventually(
      async () => (await a.health()).bus.lastId === (await b.health()).bus.lastId,
      'a to catch up with the log',
    );
    const onA = await connect(a);
    // a may still be reading the log back after the partition (on a loaded machine): the previous
    // test's follows can then reach this new client of a, after it connected. Not this test's.
    const ofThisTest = (client: SseTestClient) =>
      follows(client).filter((name) => !name.endsWith('_partition'));
    for (const n of [1, 2, 3]) follow(`before_kill_${n}`);
    await onA.waitFor((c) => ofThisTest(c).length >= 3, 10_000, 'the follows before the kill');

    const killedAt = Date.now();
    await b.kill();
    // Nobody holds the Twitch connection now: these are only in Helix.
    follow('during_handover_1');
    follow('during_handover_2');
    await cluster.receiving(a, 20_000);
    const failoverMs = Date.now() - killedAt;
    // The gap recovery asks Helix; what it finds is published when it answers.
    await onA.waitFor((c) => ofThisTest(c).length >= 5, 20_000, 'the recovered follows');
    follow('after_handover');
    await onA
      .waitFor((c) => ofThisTest(c).length >= 6, 20_000, 'every follow on a')
      .finally(() => console.log(`a got: ${ofThisTest(onA).join(', ')}`));
    console.log(`Failover (kill -9 → new leader receiving): ${failoverMs} ms`);

    expect(ofThisTest(onA)).toEqual([
      'before_kill_1',
      'before_kill_2',
      'before_kill_3',
      'during_handover_1 (recovered)',
      'during_handover_2 (recovered)',
      'after_handover',
    ]);
    expect(idsIncrease(onA)).toBe(true);
  }, 60_000);

  it('the new leader goes on from the numbers, labels and subathon timer the dead one kept in the log', async () => {
    // a leads since the kill; c joins as the follower that will take over.
    const c = await cluster.startInstance('c', undefined, noStandby);
    await eventually(
      async () =>
        (await c.health()).instances.some(
          (instance) => instance.id === 'a' && instance.role === 'leader',
        ),
      'c to see a lead',
    );
    const states = await SseTestClient.connect(
      `${c.baseUrl}/api/twitch/stream?types=stats,labels,subathon`,
    );
    clients.push(states);
    const latest = <T>(type: string) =>
      states.messages
        .map((m) => m.json as { type: string; data: T })
        .filter((m) => m.type === type)
        .at(-1)?.data;
    type Labels = { latestSub: { login: string | null } | null; session: { subs: number } };
    type Subathon = { state: string; lastChange?: { source: string; event?: string } | null };
    const admin = (path: string, body?: unknown) =>
      fetch(`${c.baseUrl}/api/admin/${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body ?? {}),
      });
    // A running timer, set through the follower (run on the leader).
    expect((await admin('subathon/add', { seconds: 600 })).status).toBe(200);
    expect((await admin('subathon/resume')).status).toBe(200);
    cluster.simulator.trigger('channel.subscribe', { user: 'sub_before_takeover', tier: 1 });
    await states.waitFor(
      () => latest<Labels>('labels')?.latestSub?.login === 'sub_before_takeover',
      20_000,
      'the labels after the first sub',
    );
    const subsBefore = latest<Labels>('labels')!.session.subs;
    expect(subsBefore).toBeGreaterThanOrEqual(1);

    await a.kill();
    await cluster.receiving(c, 30_000);
    cluster.simulator.trigger('channel.subscribe', { user: 'sub_after_takeover', tier: 1 });
    await states.waitFor(
      () => latest<Labels>('labels')?.latestSub?.login === 'sub_after_takeover',
      20_000,
      'the labels after the takeover',
    );
    // The session's count went on from the old leader's (c's own copy never counted a sub).
    expect(latest<Labels>('labels')!.session.subs).toBeGreaterThanOrEqual(subsBefore + 1);
    // The timer the old leader ran still runs on the new one, and the sub added to it.
    await states.waitFor(
      () => latest<Subathon>('subathon')?.lastChange?.event === 'channel.subscribe',
      20_000,
      'the sub’s time on the timer',
    );
    expect(latest<Subathon>('subathon')?.state).toBe('running');
    await c.stop();
  }, 90_000);
});
