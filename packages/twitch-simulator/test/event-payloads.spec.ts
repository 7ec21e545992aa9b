import type { SimulatedEventType } from '../src/event-types.js';
import type { SimulatedTrigger } from '../src/simulator-types.js';
import type { EventSubTestClient, ReceivedMessage } from './support/eventsub-test-client.js';
import { DOCUMENTED_FIELDS, expectDocumentedShape } from './support/documented-fields.js';
import { SimulatorFixture } from './support/simulator-fixture.js';

describe('event payloads', () => {
  let fx: SimulatorFixture;
  let client: EventSubTestClient;

  beforeAll(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
    const session = await fx.session();
    client = session.client;
    for (const type of Object.keys(DOCUMENTED_FIELDS)) {
      expect((await fx.subscribe(session.sessionId, type)).status).toBe(202);
    }
  });

  afterAll(async () => {
    await fx.stop();
  });

  /** Triggers and returns the notifications it produced, in order. */
  async function trigger(
    type: SimulatedEventType,
    options: SimulatedTrigger = {},
  ): Promise<ReceivedMessage[]> {
    const before = client.ofType('notification').length;
    const { delivered } = fx.sim.trigger(type, options);
    const all = await client.waitForType('notification', before + delivered);
    return all.slice(before);
  }

  it('channel.follow v2 names the follower (login in lower case) and the channel, and when', async () => {
    const [message] = await trigger('channel.follow', { user: 'Alice' });
    expect(message.metadata.subscription_version).toBe('2');
    expectDocumentedShape('channel.follow', message.payload.event);
    expect(message.payload.event).toMatchObject({
      user_login: 'alice',
      user_name: 'Alice',
      broadcaster_user_id: '1000',
      broadcaster_user_login: 'demo_streamer',
    });
    expect(Number.isNaN(Date.parse(message.payload.event.followed_at))).toBe(false);
  });

  it('channel.subscribe has the tier and whether it was a gift', async () => {
    const [message] = await trigger('channel.subscribe', { user: 'carol', tier: 2 });
    expectDocumentedShape('channel.subscribe', message.payload.event);
    expect(message.payload.event).toMatchObject({
      user_login: 'carol',
      tier: '2000',
      is_gift: false,
    });
  });

  it('channel.subscription.gift of N is followed by N channel.subscribe with is_gift, as on Twitch', async () => {
    const messages = await trigger('channel.subscription.gift', {
      user: 'dave',
      total: 3,
      tier: 1,
    });
    expect(messages.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.subscription.gift',
      'channel.subscribe',
      'channel.subscribe',
      'channel.subscribe',
    ]);
    expectDocumentedShape('channel.subscription.gift', messages[0].payload.event);
    expect(messages[0].payload.event).toMatchObject({
      user_login: 'dave',
      total: 3,
      tier: '1000',
      cumulative_total: 3,
      is_anonymous: false,
    });
    for (const sub of messages.slice(1)) {
      expectDocumentedShape('channel.subscribe', sub.payload.event);
      expect(sub.payload.event).toMatchObject({ tier: '1000', is_gift: true });
    }
    const again = await trigger('channel.subscription.gift', { user: 'dave', total: 1 });
    expect(again[0].payload.event.cumulative_total).toBe(4);
  });

  it('an anonymous gift has null user fields and a null cumulative_total', async () => {
    const [gift] = await trigger('channel.subscription.gift', { anonymous: true, total: 1 });
    expectDocumentedShape('channel.subscription.gift', gift.payload.event);
    expect(gift.payload.event).toMatchObject({
      user_id: null,
      user_login: null,
      user_name: null,
      cumulative_total: null,
      is_anonymous: true,
    });
  });

  it('channel.cheer has the bits and message; anonymous cheers have null user fields', async () => {
    const [cheer] = await trigger('channel.cheer', {
      user: 'bob',
      bits: 500,
      message: 'Cheer500 hi',
    });
    expectDocumentedShape('channel.cheer', cheer.payload.event);
    expect(cheer.payload.event).toMatchObject({
      user_login: 'bob',
      bits: 500,
      message: 'Cheer500 hi',
      is_anonymous: false,
    });
    const [anonymous] = await trigger('channel.cheer', { anonymous: true, bits: 1 });
    expectDocumentedShape('channel.cheer', anonymous.payload.event);
    expect(anonymous.payload.event).toMatchObject({ user_id: null, is_anonymous: true, bits: 1 });
  });

  it('channel.raid names both channels and the raiders', async () => {
    const [raid] = await trigger('channel.raid', { user: 'friendly_streamer', viewers: 42 });
    expectDocumentedShape('channel.raid', raid.payload.event);
    expect(raid.payload.event).toMatchObject({
      from_broadcaster_user_login: 'friendly_streamer',
      to_broadcaster_user_id: '1000',
      to_broadcaster_user_login: 'demo_streamer',
      viewers: 42,
    });
  });

  it('stream.online has the stream id, type and start; stream.offline names the channel', async () => {
    const [online] = await trigger('stream.online');
    expectDocumentedShape('stream.online', online.payload.event);
    expect(online.payload.event).toMatchObject({ broadcaster_user_id: '1000', type: 'live' });
    const [offline] = await trigger('stream.offline');
    expectDocumentedShape('stream.offline', offline.payload.event);
  });

  it('a channel points redemption names the reward, the viewer and what they typed', async () => {
    const [message] = await trigger('channel.channel_points_custom_reward_redemption.add', {
      user: 'fay',
      reward: 'Sing a song',
      cost: 500,
      input: 'Never gonna give you up',
    });
    const event = message.payload.event;
    expectDocumentedShape('channel.channel_points_custom_reward_redemption.add', event);
    expect(event).toMatchObject({
      user_login: 'fay',
      user_input: 'Never gonna give you up',
      status: 'unfulfilled',
      reward: { title: 'Sing a song', cost: 500, prompt: '' },
    });
    expect(Object.keys(event.reward).sort()).toEqual(['cost', 'id', 'prompt', 'title']);
    const [again] = await trigger('channel.channel_points_custom_reward_redemption.add', {
      reward: 'Sing a song',
    });
    // The same reward, another redemption.
    expect(again.payload.event.reward.id).toBe(event.reward.id);
    expect(again.payload.event.id).not.toBe(event.id);
  });

  it('a hype train (v2) begins with the contribution that started it, climbs levels, and ends', async () => {
    const begun = await trigger('channel.hype_train.begin', { user: 'gus', bits: 600 });
    expect(begun.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.hype_train.begin',
      'channel.hype_train.progress',
    ]);
    expect(begun[0].metadata.subscription_version).toBe('2');
    const begin = begun[0].payload.event;
    expectDocumentedShape('channel.hype_train.begin', begin);
    expect(begin).toMatchObject({
      level: 1,
      total: 600,
      progress: 600,
      goal: 1000,
      type: 'regular',
      is_shared_train: false,
      shared_train_participants: null,
      top_contributions: [{ user_login: 'gus', type: 'bits', total: 600 }],
    });
    expectDocumentedShape('channel.hype_train.progress', begun[1].payload.event);

    // A tier-1 sub is 500 points: 1 100 passes level 1's 1 000.
    const [progress] = await trigger('channel.hype_train.progress', { user: 'hal', tier: 1 });
    expectDocumentedShape('channel.hype_train.progress', progress.payload.event);
    expect(progress.payload.event).toMatchObject({
      id: begin.id,
      level: 2,
      total: 1100,
      progress: 100,
    });

    // A cheer while the train runs is a contribution too, as on Twitch.
    const cheered = await trigger('channel.cheer', { user: 'gus', bits: 100 });
    expect(cheered.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.cheer',
      'channel.bits.use',
      'channel.hype_train.progress',
    ]);
    expect(cheered[2].payload.event.top_contributions).toContainEqual(
      expect.objectContaining({ user_login: 'gus', type: 'bits', total: 700 }),
    );

    const [end] = await trigger('channel.hype_train.end');
    expectDocumentedShape('channel.hype_train.end', end.payload.event);
    expect(end.payload.event).toMatchObject({ id: begin.id, level: 2, total: 1200 });
    const [next] = await trigger('channel.hype_train.begin');
    expect(next.payload.event).toMatchObject({ all_time_high_level: 2, all_time_high_total: 1200 });
    await trigger('channel.hype_train.end');
  });

  it('a creator goal begins at the channel’s count, moves with follows by itself, and ends', async () => {
    const followers = fx.sim.channel().followers;
    const [begin] = await trigger('channel.goal.begin', {
      goalType: 'follower',
      target: followers + 2,
      description: 'New mic',
    });
    expectDocumentedShape('channel.goal.begin', begin.payload.event);
    expect(begin.payload.event).toMatchObject({
      type: 'follower',
      description: 'New mic',
      current_amount: followers,
      target_amount: followers + 2,
    });
    const followed = await trigger('channel.follow', { user: 'ida' });
    expect(followed.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.follow',
      'channel.goal.progress',
    ]);
    expectDocumentedShape('channel.goal.progress', followed[1].payload.event);
    expect(followed[1].payload.event.current_amount).toBe(followers + 1);
    const [set] = await trigger('channel.goal.progress', { amount: followers + 2 });
    expect(set.payload.event.current_amount).toBe(followers + 2);
    const [end] = await trigger('channel.goal.end');
    expectDocumentedShape('channel.goal.end', end.payload.event);
    expect(end.payload.event).toMatchObject({ id: begin.payload.event.id, is_achieved: true });
  });

  it('a poll begins with its choices, counts votes, and ends with a status', async () => {
    const [begin] = await trigger('channel.poll.begin', {
      title: 'Next game?',
      choices: 'Celeste,Hades,Tetris',
      seconds: 120,
    });
    const event = begin.payload.event;
    expectDocumentedShape('channel.poll.begin', event);
    expect(event.choices.map((c: { title: string }) => c.title)).toEqual([
      'Celeste',
      'Hades',
      'Tetris',
    ]);
    expect(Object.keys(event.choices[0]).sort()).toEqual(['id', 'title']);
    expect(Date.parse(event.ends_at) - Date.parse(event.started_at)).toBe(120_000);
    const [progress] = await trigger('channel.poll.progress', { choice: 'hades', votes: 3 });
    expectDocumentedShape('channel.poll.progress', progress.payload.event);
    expect(progress.payload.event.choices[1]).toMatchObject({
      title: 'Hades',
      votes: 3,
      channel_points_votes: 0,
      bits_votes: 0,
    });
    const [end] = await trigger('channel.poll.end', { status: 'terminated' });
    expectDocumentedShape('channel.poll.end', end.payload.event);
    expect(end.payload.event).toMatchObject({ id: event.id, status: 'terminated' });
  });

  it('a prediction takes channel points, locks, and pays the winners', async () => {
    const [begin] = await trigger('channel.prediction.begin', { outcomes: 'Win,Lose' });
    expectDocumentedShape('channel.prediction.begin', begin.payload.event);
    expect(begin.payload.event.outcomes.map((o: { color: string }) => o.color)).toEqual([
      'blue',
      'pink',
    ]);
    await trigger('channel.prediction.progress', { user: 'jo', outcome: '1', points: 300 });
    const [progress] = await trigger('channel.prediction.progress', {
      user: 'kim',
      outcome: 'Lose',
      points: 100,
    });
    expectDocumentedShape('channel.prediction.progress', progress.payload.event);
    expect(progress.payload.event.outcomes[0]).toMatchObject({
      users: 1,
      channel_points: 300,
      top_predictors: [
        expect.objectContaining({
          user_login: 'jo',
          channel_points_used: 300,
          channel_points_won: null,
        }),
      ],
    });
    const [lock] = await trigger('channel.prediction.lock');
    expectDocumentedShape('channel.prediction.lock', lock.payload.event);
    expect(() => fx.sim.trigger('channel.prediction.progress', { user: 'late' })).toThrow(/locked/);
    const [end] = await trigger('channel.prediction.end', { outcome: 'Win' });
    expectDocumentedShape('channel.prediction.end', end.payload.event);
    const win = end.payload.event.outcomes[0];
    expect(end.payload.event).toMatchObject({ status: 'resolved', winning_outcome_id: win.id });
    expect(win.top_predictors[0].channel_points_won).toBe(400);
    expect(end.payload.event.outcomes[1].top_predictors[0].channel_points_won).toBe(0);
  });

  it('progress, lock or end with nothing running begins one first, as Twitch would have', async () => {
    const messages = await trigger('channel.poll.end');
    expect(messages.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.poll.begin',
      'channel.poll.end',
    ]);
    expect(messages[1].payload.event.status).toBe('completed');
  });

  it('refuses to begin a second poll while one runs, and bad choices with what to send', async () => {
    fx.sim.trigger('channel.poll.begin');
    expect(() => fx.sim.trigger('channel.poll.begin')).toThrow(/running already/);
    expect(() => fx.sim.trigger('channel.poll.progress', { choice: '7' })).toThrow(
      /number \(1 to 2\)/,
    );
    fx.sim.trigger('channel.poll.end');
    expect(() => fx.sim.trigger('channel.poll.begin', { choices: 'Only one' })).toThrow(/2 to 5/);
    expect(() => fx.sim.trigger('channel.goal.begin', { goalType: 'likes' })).toThrow(
      /new_cheerer/,
    );
  });

  it('reaches only subscriptions whose condition asks for that channel', async () => {
    const result = fx.sim.trigger('channel.follow', {
      broadcaster: 'another_channel',
      user: 'erin',
    });
    expect(result.delivered).toBe(0);
    expect(result.events[0].event.broadcaster_user_login).toBe('another_channel');
  });
});
