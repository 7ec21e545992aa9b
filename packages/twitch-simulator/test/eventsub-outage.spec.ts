import WebSocket from 'ws';
import { parseTriggerArguments, TriggerUsageError } from '../src/cli/trigger-arguments.js';
import { runTriggerCommand } from '../src/cli/trigger-command.js';
import { DemoActivity } from '../src/demo-activity.js';
import { DEFAULT_DEMO_TIMINGS, type DemoTimings } from '../src/demo-timings.js';
import { eventually, SimulatorFixture } from './support/simulator-fixture.js';

/** What became of one attempt to open an EventSub WebSocket. */
async function attempt(url: string): Promise<{ opened: boolean; code: number }> {
  const socket = new WebSocket(url);
  let opened = false;
  socket.on('open', () => {
    opened = true;
    socket.terminate();
  });
  socket.on('error', () => undefined);
  const code = await new Promise<number>((resolve) => socket.on('close', (c) => resolve(c)));
  return { opened, code };
}

describe('the EventSub outage fault', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0, dropNoticeMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  it('drops open sockets without a close frame and cuts new connections until it ends', async () => {
    const { client, sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'channel.follow');

    expect(fx.sim.startOutage(600)).toBe(1);
    expect((await client.waitForClose()).code).toBe(1006); // no close frame
    expect(fx.sim.sessions()).toEqual([]);
    expect(fx.sim.subscriptions()[0]).toMatchObject({ status: 'websocket_disconnected' });

    expect(await attempt(fx.sim.socketUrl)).toEqual({ opened: false, code: 1006 });
    expect(await attempt(fx.sim.socketUrl)).toEqual({ opened: false, code: 1006 });
    expect(fx.sim.outage()).toMatchObject({
      active: true,
      droppedSessions: 1,
      refusedConnections: 2,
    });

    expect(fx.sim.endOutage()).toBe(true);
    expect(fx.sim.endOutage()).toBe(false);
    const back = await fx.session();
    expect(back.sessionId).toEqual(expect.any(String));
    expect(fx.sim.outage()).toMatchObject({ active: false, refusedConnections: 2 });
  });

  it('loses the notifications of what happens meanwhile, for good, while the channel changes', async () => {
    const first = await fx.session();
    for (const type of ['channel.follow', 'channel.subscribe', 'channel.cheer', 'stream.online']) {
      await fx.subscribe(first.sessionId, type);
    }
    fx.sim.startOutage(600);
    await first.client.waitForClose();

    const results = [
      fx.sim.trigger('channel.follow', { user: 'missed_follower' }),
      fx.sim.trigger('channel.subscribe', { user: 'missed_sub', tier: 2 }),
      fx.sim.trigger('channel.cheer', { user: 'missed_cheerer', bits: 700 }),
      fx.sim.trigger('stream.online', { viewers: 12 }),
    ];
    expect(results.map((r) => [r.delivered, r.outage])).toEqual([
      [0, true],
      [0, true],
      [0, true],
      [0, true],
    ]);
    expect(fx.sim.outage().missedEvents.map((e) => e.type)).toEqual([
      'channel.follow',
      'channel.subscribe',
      'channel.cheer',
      // A cheer is a channel.bits.use too, as on Twitch.
      'channel.bits.use',
      'stream.online',
    ]);

    // Helix is not down: it shows what happened.
    expect(
      (await fx.api('/mock/channels/followers?broadcaster_id=1000')).json.data[0],
    ).toMatchObject({
      user_login: 'missed_follower',
    });
    const subs = await fx.api('/mock/subscriptions?broadcaster_id=1000');
    expect(subs.json).toMatchObject({ total: 1, points: 2, data: [{ user_login: 'missed_sub' }] });
    expect((await fx.api('/mock/bits/leaderboard')).json.data).toEqual([
      expect.objectContaining({ user_login: 'missed_cheerer', score: 700 }),
    ]);
    expect((await fx.api('/mock/streams?user_id=1000')).json.data).toHaveLength(1);

    fx.sim.endOutage();
    const second = await fx.session();
    for (const type of ['channel.follow', 'channel.subscribe', 'channel.cheer', 'stream.online']) {
      await fx.subscribe(second.sessionId, type);
    }
    const after = fx.sim.trigger('channel.follow', { user: 'later_follower' });
    expect(after).toMatchObject({ delivered: 1, outage: false });
    const [notification] = await second.client.waitForType('notification');
    expect(notification.payload.event.user_login).toBe('later_follower');
    // Nothing was kept to be replayed: the one notification is the new follow.
    expect(second.client.ofType('notification')).toHaveLength(1);
    expect(fx.sim.redeliverLastNotification()).toBe(true);
    await second.client.waitForType('notification', 2);
    expect(second.client.ofType('notification')[1].payload.event.user_login).toBe('later_follower');
    expect(fx.sim.outage().missedEvents).toHaveLength(5);
  });

  it('ends by itself after the seconds asked for', async () => {
    const { client } = await fx.session();
    expect(fx.sim.startOutage(0.2)).toBe(1);
    await client.waitForClose();
    expect(fx.sim.outage().active).toBe(true);
    await eventually(() => !fx.sim.outage().active, 'the outage to end by itself');
    const { startedAt, endsAt } = fx.sim.outage();
    expect(Date.parse(endsAt ?? '')).toBeGreaterThan(Date.parse(startedAt ?? ''));
    await fx.session();
  });

  it('moves the end when started again while on, and forgets the last outage when a new one begins', async () => {
    fx.sim.startOutage(600);
    fx.sim.trigger('channel.follow');
    const firstEnd = fx.sim.outage().endsAt;
    expect(fx.sim.startOutage(0.1)).toBe(0);
    expect(Date.parse(fx.sim.outage().endsAt ?? '')).toBeLessThan(Date.parse(firstEnd ?? ''));
    await eventually(() => !fx.sim.outage().active, 'the moved end');
    expect(fx.sim.outage().missedEvents).toHaveLength(1);
    fx.sim.startOutage(600);
    expect(fx.sim.outage()).toMatchObject({
      active: true,
      missedEvents: [],
      refusedConnections: 0,
    });
  });

  it.each([[0], [-1], [Number.NaN], [Infinity], [86_401]])('refuses %p seconds', (seconds) => {
    expect(() => fx.sim.startOutage(seconds)).toThrow('seconds must be');
    expect(fx.sim.outage().active).toBe(false);
  });

  it('also cuts a client following a reconnect_url', async () => {
    const { client } = await fx.session();
    fx.sim.requestReconnect();
    const [reconnect] = await client.waitForType('session_reconnect');
    fx.sim.startOutage(600);
    expect(await attempt(reconnect.payload.session.reconnect_url as string)).toEqual({
      opened: false,
      code: 1006,
    });
  });

  it('lets the demo activity carry on, unheard', async () => {
    const later = { firstAfterMs: 60_000, everyMs: [60_000, 60_000] as [number, number] };
    const fast: DemoTimings = {
      ...DEFAULT_DEMO_TIMINGS,
      redemption: later,
      goal: later,
      hypeTrain: later,
      poll: later,
      prediction: later,
      goLiveAfterMs: 5,
      follow: { firstAfterMs: 5, everyMs: [5, 10] },
      subscribe: { firstAfterMs: 5, everyMs: [5, 10] },
      cheer: { firstAfterMs: 5, everyMs: [5, 10] },
      giftBomb: { firstAfterMs: 60_000, everyMs: [60_000, 60_000] },
      raid: { firstAfterMs: 60_000, everyMs: [60_000, 60_000] },
      viewers: { firstAfterMs: 5, everyMs: [5, 10] },
    };
    const { client, sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'channel.follow');
    fx.sim.startOutage(600);
    await client.waitForClose();
    const demo = new DemoActivity(fx.sim, { timings: fast });
    try {
      demo.start();
      await eventually(
        () => demo.counts.follow >= 3 && demo.counts.subscribe >= 1 && demo.counts.cheer >= 1,
        'follows, a sub and a cheer during the outage',
      );
    } finally {
      demo.stop();
    }
    expect(fx.sim.channel()).toMatchObject({ live: true });
    expect(fx.sim.channel().followers).toBe(demo.counts.follow);
    const missed = fx.sim.outage().missedEvents.map((e) => e.type);
    expect(missed.filter((type) => type === 'channel.follow')).toHaveLength(demo.counts.follow);
    expect(missed).toContain('stream.online');
    expect(client.ofType('notification')).toEqual([]);
  });

  describe('through the control API', () => {
    async function control(path: string, body: unknown, contentType = 'application/json') {
      const response = await fetch(`${fx.sim.baseUrl}/control${path}`, {
        method: 'POST',
        headers: { 'Content-Type': contentType },
        body: JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    }

    it('starts with {"seconds"}, shows in the state, ends with outage-end', async () => {
      await fx.session();
      expect(await control('/faults/outage', { seconds: 30 })).toEqual({
        status: 200,
        json: { affected: 1 },
      });
      const state = await fetch(`${fx.sim.baseUrl}/control/state`).then(
        (r) => r.json() as Promise<Record<string, unknown>>,
      );
      expect(state.outage).toMatchObject({ active: true, droppedSessions: 1 });
      const triggered = await control('/trigger/channel.follow', { user: 'unheard' });
      expect(triggered.json).toMatchObject({ delivered: 0, outage: true });
      expect(await control('/faults/outage-end', {})).toEqual({
        status: 200,
        json: { affected: 1 },
      });
      expect(await control('/faults/outage-end', {})).toEqual({
        status: 200,
        json: { affected: 0 },
      });
    });

    it('answers 400 without seconds or with bad ones, and keeps its request checks', async () => {
      expect((await control('/faults/outage', {})).status).toBe(400);
      expect((await control('/faults/outage', { seconds: -3 })).status).toBe(400);
      expect((await control('/faults/outage', { seconds: 'soon' })).status).toBe(400);
      expect((await control('/faults/outage', { seconds: 5 }, 'text/plain')).status).toBe(415);
      expect(fx.sim.outage().active).toBe(false);
    });
  });

  describe('through npm run trigger', () => {
    it('reads fault outage --seconds and fault outage-end', () => {
      expect(parseTriggerArguments(['fault', 'outage', '--seconds', '20'])).toMatchObject({
        method: 'POST',
        path: '/faults/outage',
        body: { seconds: 20 },
      });
      expect(parseTriggerArguments(['fault', 'outage', '--seconds', '1.5'])).toMatchObject({
        body: { seconds: 1.5 },
      });
      expect(parseTriggerArguments(['fault', 'outage-end'])).toMatchObject({
        path: '/faults/outage-end',
      });
    });

    it.each([
      [['fault', 'outage'], 'needs --seconds'],
      [['fault', 'outage', '--seconds', '0'], '--seconds must be a number above 0'],
      [['fault', 'outage', '--seconds', 'soon'], '--seconds must be a number above 0'],
      [['fault', 'drop', '--seconds', '5'], 'does not take --seconds'],
    ])('explains what is wrong with %j', (argv, words) => {
      expect(() => parseTriggerArguments(argv)).toThrow(TriggerUsageError);
      expect(() => parseTriggerArguments(argv)).toThrow(words);
    });

    it('lists the outage faults in --help', async () => {
      let out = '';
      const output = { print: (text: string) => (out += text), printError: () => undefined };
      expect(await runTriggerCommand(['--help'], output, () => 1)).toBe(0);
      expect(out).toContain('outage --seconds <s>');
      expect(out).toContain('outage-end');
    });

    it('starts and ends an outage on a running simulator and says what it means', async () => {
      let out = '';
      const output = { print: (text: string) => (out += `${text}\n`), printError: () => undefined };
      await fx.session();
      expect(
        await runTriggerCommand(['fault', 'outage', '--seconds', '20'], output, () => fx.sim.port),
      ).toBe(0);
      expect(out).toContain('EventSub is unreachable for 20 s; 1 session dropped');
      expect(fx.sim.outage().active).toBe(true);
      expect(
        await runTriggerCommand(['follow', '--user', 'unheard'], output, () => fx.sim.port),
      ).toBe(0);
      expect(out).toContain('Not delivered: EventSub is down');
      expect(await runTriggerCommand(['fault', 'outage-end'], output, () => fx.sim.port)).toBe(0);
      expect(out).toContain('EventSub is reachable again.');
      expect(fx.sim.outage().active).toBe(false);
    });
  });
});
