import type {
  ClusterStatus,
  EventSubStatus,
  StatusMessage,
} from '../../src/contract/sse-contract.js';
import { itInBrowser, launchChromium, openPage, screenshot } from '../support/browser.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis } from '../support/redis-server.js';
import { SseTestClient } from '../support/sse-client.js';
import {
  cheers,
  cheerStream,
  ClusterHarness,
  everyCheerOnceLive,
  idsIncrease,
  type Instance,
} from './cluster-harness.js';
import { BUILD_TIMEOUT_MS, buildIfNeeded } from '../support/built-service.js';

/** The `cluster` status messages a client got, in order. */
function clusterStatuses(client: SseTestClient): ClusterStatus[] {
  return client.messages
    .map((m) => m.json as StatusMessage)
    .filter((m) => m.type === 'status' && 'cluster' in m.data)
    .map((m) => (m.data as { cluster: ClusterStatus }).cluster);
}

/** The `eventsub` status messages a client got, in order. */
function eventSubStatuses(client: SseTestClient): EventSubStatus[] {
  return client.messages
    .map((m) => m.json as StatusMessage)
    .filter((m) => m.type === 'status' && 'eventsub' in m.data)
    .map((m) => (m.data as { eventsub: EventSubStatus }).eventsub);
}

/** An instance's copies dropped as the other session's (its /metrics), all types together. */
async function copiesDropped(instance: Instance): Promise<number> {
  const text = await (await fetch(`${instance.baseUrl}/metrics`)).text();
  let dropped = 0;
  for (const match of text.matchAll(
    /^twitch_realtime_eventsub_duplicates_dropped_total\{event="[^"]+",reason="(other_session|event_identity)"\} (\d+)$/gm,
  ))
    dropped += Number(match[2]);
  return dropped;
}

/**
 * The hot standby, on a real Redis, built instances and the simulator: one follower holds the
 * standby lease and an EventSub session of its own with the same subscriptions, and hands what it
 * receives to the leader, which publishes each event once, whichever session delivered it first;
 * when the standby dies another follower takes its place; the dashboard, `/api/health` and the
 * `cluster` status say who leads and who stands by.
 */
describeWithRedis('the hot standby', () => {
  let cluster: ClusterHarness;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  const clients: SseTestClient[] = [];
  const withMetrics = { METRICS_ENABLED: 'true' };
  /** The simulator's EventSub session of `instance`. */
  const sessionOf = async (instance: Instance) => (await instance.health()).eventsub.sessionId!;

  // The build first, in a hook of its own: waiting for it never eats the cluster's set-up time.
  beforeAll(buildIfNeeded, BUILD_TIMEOUT_MS);

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    a = await cluster.startInstance('a', undefined, withMetrics);
    await cluster.receiving(a);
    b = await cluster.startInstance('b', undefined, withMetrics);
    await cluster.standingBy(b);
    c = await cluster.startInstance('c', undefined, withMetrics);
  }, 180_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('one follower stands by with its own EventSub session; the others follow; every instance lists them', async () => {
    await eventually(
      async () => {
        const roles = (await c.health()).instances.map(({ id, role }) => `${id}:${role}`);
        return roles.join(' ') === 'c:follower a:leader b:standby';
      },
      'c to list the three roles',
      20_000,
    );
    const [healthA, healthB, healthC] = [await a.health(), await b.health(), await c.health()];
    expect(healthA.instances[0]).toMatchObject({ id: 'a', role: 'leader', eventsub: 'connected' });
    expect(healthB.instances[0]).toMatchObject({ id: 'b', role: 'standby', eventsub: 'connected' });
    expect(healthC.instances[0]).toMatchObject({ id: 'c', role: 'follower', eventsub: null });
    // The standby's parts that only the leader runs (the Helix poll) stand by.
    expect(healthB.twitch.state).toBe('standby');
    expect(healthB.eventsub.subscriptions?.every((s) => s.status === 'enabled')).toBe(true);
    // Two sessions, each with every subscription: the same type and condition twice.
    const sessions = cluster.simulator.sessions();
    expect(sessions.map((s) => s.id).sort()).toEqual(
      [healthA.eventsub.sessionId, healthB.eventsub.sessionId].sort(),
    );
    expect(sessions.map((s) => s.subscriptions)).toEqual([
      healthA.eventsub.subscriptions!.length,
      healthA.eventsub.subscriptions!.length,
    ]);
    // Clients are told of the leader's EventSub connection, not the standby's.
    const onC = await SseTestClient.connect(`${c.baseUrl}/api/twitch/stream?types=status`);
    clients.push(onC);
    await onC.waitFor(
      (client) => eventSubStatuses(client).length > 0,
      10_000,
      'the EventSub status',
    );
    expect(eventSubStatuses(onC).at(-1)).toMatchObject({
      state: 'connected',
      sessionId: healthA.eventsub.sessionId,
    });
  });

  itInBrowser(
    'the dashboard’s Instances list shows the standby and its EventSub session',
    async () => {
      const browser = await launchChromium();
      try {
        const { page, errors } = await openPage(browser);
        await page.goto(`${c.baseUrl}/`);
        const row = page.locator('#instances-status');
        await row.waitFor({ state: 'visible' });
        await eventually(
          async () =>
            /a \(leader, EventSub connected.*b \(standby, EventSub connected/.test(
              (await row.textContent()) ?? '',
            ),
          'the leader and the standby on the dashboard',
        );
        await screenshot(page, 'cluster-dashboard-standby');
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );

  /**
   * Cheers (two of them alike: anonymous, same text) sent while one session's delivery runs late,
   * then what a client of the follower got, once each, in order, and the leader's count of copies
   * it dropped: one per cheer.
   */
  async function cheersWithOneSessionLate(late: Instance, label: string): Promise<void> {
    const onC = await SseTestClient.connect(`${c.baseUrl}/api/twitch/stream?types=event`);
    clients.push(onC);
    const droppedBefore = await copiesDropped(a);
    const lateSession = await sessionOf(late);
    expect(cluster.simulator.setDeliveryDelay(2_000, lateSession)).toBe(1);
    const sent = [`${label} 1`, 'Cheer100', 'Cheer100', `${label} 2`, `${label} 3`];
    try {
      for (const [n, message] of sent.entries()) {
        const anonymous = message === 'Cheer100';
        cluster.simulator.trigger('channel.cheer', {
          ...(anonymous ? { anonymous: true } : { user: `${label}_${n}` }),
          bits: 100,
          message,
        });
      }
    } finally {
      cluster.simulator.setDeliveryDelay(0, lateSession);
    }
    await onC.waitFor((client) => cheers(client).length >= sent.length, 20_000, 'every cheer');
    // The late session's copies come too, and the leader drops each.
    await eventually(
      async () => (await copiesDropped(a)) >= droppedBefore + sent.length,
      'the late copies dropped',
      20_000,
    );
    expect(await copiesDropped(a)).toBe(droppedBefore + sent.length);
    expect(cheers(onC)).toEqual(sent);
    expect(idsIncrease(onC)).toBe(true);
  }

  it('publishes each cheer once when the standby’s copy comes first (the leader’s session runs late)', async () => {
    await cheersWithOneSessionLate(a, 'standby_first');
  }, 60_000);

  it('publishes each cheer once when the leader’s copy comes first (the standby’s session runs late)', async () => {
    await cheersWithOneSessionLate(b, 'leader_first');
  }, 60_000);

  /** SSE clients of `instance`'s events: `count` of them. */
  async function eventClients(instance: Instance, count: number): Promise<SseTestClient[]> {
    const connected: SseTestClient[] = [];
    for (let i = 0; i < count; i++)
      connected.push(
        await SseTestClient.connect(`${instance.baseUrl}/api/twitch/stream?types=event`),
      );
    clients.push(...connected);
    return connected;
  }

  it('kill -9 of the standby while cheers flow: nothing is lost, and the other follower stands by', async () => {
    const onC = await SseTestClient.connect(`${c.baseUrl}/api/twitch/stream?types=status`);
    clients.push(onC);
    await onC.waitFor(
      (client) => clusterStatuses(client).at(-1)?.standby === 'b',
      20_000,
      'a cluster status naming b',
    );
    expect(clusterStatuses(onC).at(-1)).toMatchObject({ leader: 'a', standby: 'b' });
    const watching = [...(await eventClients(a, 2)), ...(await eventClients(c, 2))];

    const stream = cheerStream(cluster.simulator, 'standby_dies');
    await eventually(() => stream.sent.length >= 10, 'the first cheers sent');
    await b.kill();
    // Its lease lapses; c, the only follower left, takes it and opens its own EventSub session.
    await cluster.standingBy(c, 30_000);
    const sentBefore = stream.sent.length;
    await eventually(() => stream.sent.length >= sentBefore + 10, 'cheers with c standing by');
    stream.stop();
    await everyCheerOnceLive(watching, stream);
    await onC.waitFor(
      (client) => clusterStatuses(client).at(-1)?.standby === 'c',
      20_000,
      'a cluster status naming c',
    );
    expect(clusterStatuses(onC).at(-1)).toMatchObject({ leader: 'a', standby: 'c' });
  }, 90_000);

  it('kill -9 of the leader while 10 cheers a second flow: every cheer reaches every client of the survivors live, once, in order', async () => {
    // d joins as the follower that stands by once c leads.
    const d = await cluster.startInstance('d', undefined, withMetrics);
    await eventually(
      async () => (await d.health()).instances.some((i) => i.id === 'c' && i.role === 'standby'),
      'd to see c stand by',
    );
    const watching = [...(await eventClients(c, 3)), ...(await eventClients(d, 2))];
    const onD = await SseTestClient.connect(`${d.baseUrl}/api/twitch/stream?types=status`);
    clients.push(onD);

    const stream = cheerStream(cluster.simulator, 'leader_dies');
    await eventually(() => stream.sent.length >= 10, 'the first cheers sent');
    const killedAt = Date.now();
    await a.kill();
    await cluster.receiving(c, 30_000);
    const takeoverMs = Date.now() - killedAt;
    const sentBefore = stream.sent.length;
    await eventually(() => stream.sent.length >= sentBefore + 20, 'cheers after the takeover');
    stream.stop();
    console.log(
      `kill -9 of the leader → standby leading: ${takeoverMs} ms; ${stream.sent.length} cheers sent`,
    );
    await everyCheerOnceLive(watching, stream);
    // None came back through gap recovery: the standby was receiving all along.
    expect(c.output().stdout).not.toMatch(/EventSub was not receiving from/);
    expect(c.output().stdout).toMatch(/Took a baseline of followers/);
    // What the old leader never logged, c had kept: it went out when c took the lead.
    const kept = /published the (\d+) notification\(s\) it received/.exec(c.output().stdout);
    console.log(`c published ${kept?.[1] ?? 'none'} kept notification(s) as it took the lead`);
    expect(Number(kept?.[1])).toBeGreaterThan(0);
    // d stands by now, and clients are told so.
    await cluster.standingBy(d, 30_000);
    await onD.waitFor(
      (client) => clusterStatuses(client).at(-1)?.standby === 'd',
      20_000,
      'a cluster status naming c and d',
    );
    expect(clusterStatuses(onD).at(-1)).toMatchObject({ leader: 'c', standby: 'd' });
  }, 120_000);
});
