import type { SimulatedEventType } from '../src/event-types.js';
import type { SimulatedTrigger } from '../src/twitch-simulator.js';
import type { EventSubTestClient, ReceivedMessage } from './support/eventsub-test-client.js';
import { SimulatorFixture } from './support/simulator-fixture.js';

type FieldType = 'string' | 'number' | 'boolean' | 'string|null' | 'number|null';

/**
 * The fields Twitch documents for each event (dev.twitch.tv/docs/eventsub/eventsub-reference),
 * written out by hand from the documentation, not from the simulator's output.
 */
const DOCUMENTED_FIELDS: Record<SimulatedEventType, Record<string, FieldType>> = {
  'channel.follow': {
    user_id: 'string',
    user_login: 'string',
    user_name: 'string',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    followed_at: 'string',
  },
  'channel.subscribe': {
    user_id: 'string',
    user_login: 'string',
    user_name: 'string',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    tier: 'string',
    is_gift: 'boolean',
  },
  'channel.subscription.gift': {
    user_id: 'string|null',
    user_login: 'string|null',
    user_name: 'string|null',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    total: 'number',
    tier: 'string',
    cumulative_total: 'number|null',
    is_anonymous: 'boolean',
  },
  'channel.cheer': {
    is_anonymous: 'boolean',
    user_id: 'string|null',
    user_login: 'string|null',
    user_name: 'string|null',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    message: 'string',
    bits: 'number',
  },
  'channel.raid': {
    from_broadcaster_user_id: 'string',
    from_broadcaster_user_login: 'string',
    from_broadcaster_user_name: 'string',
    to_broadcaster_user_id: 'string',
    to_broadcaster_user_login: 'string',
    to_broadcaster_user_name: 'string',
    viewers: 'number',
  },
  'stream.online': {
    id: 'string',
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
    type: 'string',
    started_at: 'string',
  },
  'stream.offline': {
    broadcaster_user_id: 'string',
    broadcaster_user_login: 'string',
    broadcaster_user_name: 'string',
  },
};

/** Checks that `event` has exactly the documented fields, each of its documented type. */
function expectDocumentedShape(type: SimulatedEventType, event: Record<string, unknown>): void {
  const fields = DOCUMENTED_FIELDS[type];
  expect(Object.keys(event).sort()).toEqual(Object.keys(fields).sort());
  for (const [field, kind] of Object.entries(fields)) {
    const value = event[field];
    const allowed = kind.split('|').map((k) => (k === 'null' ? null : k));
    const actual = value === null ? null : typeof value;
    if (!allowed.includes(actual)) {
      throw new Error(`${type}.${field} is ${JSON.stringify(value)}, expected ${kind}`);
    }
  }
}

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

  it('reaches only subscriptions whose condition asks for that channel', async () => {
    const result = fx.sim.trigger('channel.follow', {
      broadcaster: 'another_channel',
      user: 'erin',
    });
    expect(result.delivered).toBe(0);
    expect(result.events[0].event.broadcaster_user_login).toBe('another_channel');
  });
});
