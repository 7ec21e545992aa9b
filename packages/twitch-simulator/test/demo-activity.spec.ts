import { DemoActivity } from '../src/demo-activity.js';
import { DEFAULT_DEMO_TIMINGS, type DemoTimings } from '../src/demo-timings.js';
import { eventually, SimulatorFixture } from './support/simulator-fixture.js';

const FAST: DemoTimings = {
  goLiveAfterMs: 10,
  follow: { firstAfterMs: 20, everyMs: [20, 40] },
  subscribe: { firstAfterMs: 30, everyMs: [30, 60] },
  resub: { firstAfterMs: 30, everyMs: [30, 60] },
  cheer: { firstAfterMs: 30, everyMs: [30, 60] },
  powerUp: { firstAfterMs: 30, everyMs: [30, 60] },
  giftBomb: { firstAfterMs: 50, everyMs: [200, 300] },
  raid: { firstAfterMs: 60, everyMs: [200, 300] },
  viewers: { firstAfterMs: 20, everyMs: [20, 40] },
  redemption: { firstAfterMs: 30, everyMs: [30, 60] },
  goal: { firstAfterMs: 10, everyMs: [20, 40] },
  hypeTrain: { firstAfterMs: 40, everyMs: [400, 500] },
  poll: { firstAfterMs: 40, everyMs: [400, 500] },
  prediction: { firstAfterMs: 40, everyMs: [400, 500] },
  adBreak: { firstAfterMs: 40, everyMs: [400, 500] },
  shoutout: { firstAfterMs: 40, everyMs: [400, 500] },
  charity: { firstAfterMs: 30, everyMs: [30, 60] },
  chat: { firstAfterMs: 10, everyMs: [5, 15] },
  chatModeration: { firstAfterMs: 40, everyMs: [40, 80] },
  chatNotice: { firstAfterMs: 30, everyMs: [30, 60] },
  stepMs: 10,
};

describe('DemoActivity', () => {
  let fx: SimulatorFixture;
  let demo: DemoActivity | undefined;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
  });

  afterEach(async () => {
    demo?.stop();
    await fx.stop();
  });

  it('makes the stream look alive: online, follows, subs, resubs, cheers, Power-ups, a gift bomb, a raid, moving viewers, redemptions, a goal, a hype train, a poll, a prediction, ad breaks, shoutouts, charity', async () => {
    const { client, sessionId } = await fx.session();
    const expected = [
      'stream.online',
      'channel.follow',
      'channel.subscription.gift',
      'channel.raid',
      'channel.cheer',
      'channel.subscription.message',
      'channel.bits.use',
      'channel.channel_points_custom_reward_redemption.add',
      'channel.goal.begin',
      'channel.hype_train.begin',
      'channel.hype_train.end',
      'channel.poll.progress',
      'channel.poll.end',
      'channel.prediction.lock',
      'channel.prediction.end',
      'channel.ad_break.begin',
      'channel.shoutout.create',
      'channel.shoutout.receive',
      'channel.charity_campaign.start',
      'channel.charity_campaign.donate',
      'channel.chat.message',
      'channel.chat.message_delete',
      'channel.chat.notification',
    ];
    for (const type of expected) {
      await fx.subscribe(sessionId, type);
    }
    demo = new DemoActivity(fx.sim, { timings: FAST });
    demo.start();
    await eventually(() => {
      const counts = demo?.counts;
      return !!counts && Object.values(counts).every((count) => count >= 1) && counts.follow >= 3;
    }, 'every kind of activity to happen');

    const channel = fx.sim.channel();
    expect(channel.live).toBe(true);
    expect(channel.followers).toBeGreaterThanOrEqual(3);
    expect(channel.subs).toBeGreaterThanOrEqual(6); // a sub and a gift bomb of at least five
    await client.waitFor(() => {
      const types = new Set(client.ofType('notification').map((m) => m.metadata.subscription_type));
      return expected.every((type) => types.has(type));
    }, 'a notification of every subscribed type');
    const bitsUses = client
      .ofType('notification')
      .filter((m) => m.metadata.subscription_type === 'channel.bits.use')
      .map((m) => m.payload.event.type as string);
    // Cheers arrive as channel.bits.use too; Power-ups only there.
    expect(bitsUses).toContain('cheer');
    expect(bitsUses).toContain('power_up');
  });

  it('plays a lively chat: a few messages a second by default, with emotes, and each alert’s notice in chat', async () => {
    const [fastest, slowest] = DEFAULT_DEMO_TIMINGS.chat.everyMs;
    expect(1000 / ((fastest + slowest) / 2)).toBeGreaterThanOrEqual(2);

    const { client, sessionId } = await fx.session();
    for (const type of [
      'channel.subscription.message',
      'channel.chat.message',
      'channel.chat.notification',
    ]) {
      await fx.subscribe(sessionId, type);
    }
    demo = new DemoActivity(fx.sim, { timings: FAST });
    demo.start();
    const notifications = (type: string) =>
      client
        .ofType('notification')
        .filter((m) => m.metadata.subscription_type === type)
        .map((m) => m.payload.event);
    await client.waitFor(
      () =>
        notifications('channel.chat.message').length >= 30 &&
        notifications('channel.chat.notification').some((e) => e.notice_type === 'resub'),
      'thirty chat messages and a resub’s notice',
    );
    const fragments = notifications('channel.chat.message').flatMap(
      (e) => (e.message as { fragments: Array<{ type: string }> }).fragments,
    );
    expect(fragments.some((f) => f.type === 'emote')).toBe(true);
    // Every resub the demo played has its notice in chat, for the same viewer.
    demo.stop();
    const resubs = notifications('channel.subscription.message').map((e) => e.user_login);
    const noticed = notifications('channel.chat.notification')
      .filter((e) => e.notice_type === 'resub')
      .map((e) => e.chatter_user_login);
    expect(noticed.slice(0, resubs.length)).toEqual(resubs.slice(0, noticed.length));
  });

  it('plays Power-ups only while someone subscribes to channel.bits.use', async () => {
    const { client, sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'channel.follow');
    demo = new DemoActivity(fx.sim, { timings: FAST });
    demo.start();
    await eventually(
      () => (demo?.counts.resub ?? 0) >= 3 && (demo?.counts.cheer ?? 0) >= 3,
      'a few resubs and cheers',
    );
    expect(demo.counts.powerUp).toBe(0);
    await fx.subscribe(sessionId, 'channel.bits.use');
    await eventually(() => (demo?.counts.powerUp ?? 0) >= 1, 'a Power-up once subscribed');
    await client.waitFor(
      () =>
        client
          .ofType('notification')
          .some((m) => m.payload.event.type === 'power_up' && m.payload.event.power_up !== null),
      'the Power-up notification',
    );
  });

  it('stops doing anything once stopped', async () => {
    demo = new DemoActivity(fx.sim, { timings: FAST });
    demo.start();
    await eventually(() => (demo?.counts.follow ?? 0) >= 1, 'a first follow');
    demo.stop();
    expect(demo.running).toBe(false);
    const followers = fx.sim.channel().followers;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fx.sim.channel().followers).toBe(followers);
  });

  it('does not restart a stream that is already live', async () => {
    fx.sim.trigger('stream.online');
    const startedAt = fx.sim.channel().startedAt;
    demo = new DemoActivity(fx.sim, { timings: { ...FAST, goLiveAfterMs: 0 } });
    demo.start();
    await eventually(() => (demo?.counts.follow ?? 0) >= 1, 'a first follow');
    expect(fx.sim.channel().startedAt).toBe(startedAt);
    expect(demo.counts.online).toBe(0);
  });
});
