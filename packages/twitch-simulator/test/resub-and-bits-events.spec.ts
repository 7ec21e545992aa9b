import type { SimulatedEventType } from '../src/event-types.js';
import type { SimulatedTrigger } from '../src/simulator-types.js';
import { expectDocumentedShape } from './support/documented-fields.js';
import type { EventSubTestClient, ReceivedMessage } from './support/eventsub-test-client.js';
import { SimulatorFixture } from './support/simulator-fixture.js';

const HYPE_EMOTE_ID = 'emotesv2_5d523adb8bbb4786821cd7091e47da21';

/** What the emote-range pairs of a resub message cover, read back in code points. */
function coveredBy(text: string, emotes: Array<{ begin: number; end: number }>): string[] {
  const points = Array.from(text);
  return emotes.map(({ begin, end }) => points.slice(begin, end + 1).join(''));
}

describe('resubs and Bits (channel.subscription.message, channel.bits.use)', () => {
  let fx: SimulatorFixture;
  let client: EventSubTestClient;

  beforeAll(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
    const session = await fx.session();
    client = session.client;
    for (const type of [
      'channel.subscribe',
      'channel.subscription.message',
      'channel.cheer',
      'channel.bits.use',
      'channel.goal.progress',
      'channel.hype_train.progress',
    ]) {
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

  it('a resub has the months, the streak, the tier and the message with its emote ranges (end inclusive)', async () => {
    const text = 'Fourteen months! Kappa and demostHype';
    const [message] = await trigger('channel.subscription.message', {
      user: 'Rita',
      tier: 2,
      months: 14,
      streak: 6,
      message: text,
    });
    expect(message.metadata.subscription_type).toBe('channel.subscription.message');
    expect(message.metadata.subscription_version).toBe('1');
    const event = message.payload.event;
    expectDocumentedShape('channel.subscription.message', event);
    expect(event).toEqual({
      user_id: expect.any(String),
      user_login: 'rita',
      user_name: 'Rita',
      broadcaster_user_id: '1000',
      broadcaster_user_login: 'demo_streamer',
      broadcaster_user_name: 'Demo_Streamer',
      tier: '2000',
      message: {
        text,
        emotes: [
          { begin: 17, end: 21, id: '25' },
          { begin: 27, end: 36, id: HYPE_EMOTE_ID },
        ],
      },
      cumulative_months: 14,
      streak_months: 6,
      duration_months: 1,
    });
    expect(coveredBy(text, event.message.emotes)).toEqual(['Kappa', 'demostHype']);
  });

  it('counts emote ranges in code points, so an emoji before an emote does not shift it', async () => {
    const text = '🎉 Kappa';
    const [message] = await trigger('channel.subscription.message', { message: text });
    expect(message.payload.event.message.emotes).toEqual([{ begin: 2, end: 6, id: '25' }]);
    expect(coveredBy(text, message.payload.event.message.emotes)).toEqual(['Kappa']);
  });

  it('a resub without a message or emotes has emotes null; a hidden streak is null; duration is the months bought', async () => {
    const [silent] = await trigger('channel.subscription.message', {
      message: '',
      hideStreak: true,
      duration: 3,
    });
    expect(silent.payload.event).toMatchObject({
      message: { text: '', emotes: null },
      cumulative_months: 6,
      streak_months: null,
      duration_months: 3,
    });
    const [plain] = await trigger('channel.subscription.message', { message: 'no emotes here' });
    expect(plain.payload.event.message).toEqual({ text: 'no emotes here', emotes: null });
    expect(plain.payload.event.streak_months).toBe(6);
  });

  it('a resub keeps the viewer a subscriber, counted once, and sends no channel.subscribe', async () => {
    const before = fx.sim.channel().subs;
    const first = await trigger('channel.subscription.message', { user: 'loyal_lou', months: 3 });
    expect(first.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.subscription.message',
    ]);
    expect(fx.sim.channel().subs).toBe(before + 1);
    await trigger('channel.subscription.message', { user: 'loyal_lou', months: 4 });
    expect(fx.sim.channel().subs).toBe(before + 1);
    const helix = await fx.api(
      `/mock/subscriptions?broadcaster_id=1000&user_id=${fx.sim.user('loyal_lou').id}`,
    );
    expect(helix.json.data).toEqual([
      expect.objectContaining({ user_login: 'loyal_lou', tier: '1000', is_gift: false }),
    ]);
  });

  it('refuses a resub that Twitch could not send, saying why', () => {
    expect(() => fx.sim.trigger('channel.subscription.message', { months: 1 })).toThrow(
      /months must be a whole number from 2/,
    );
    expect(() => fx.sim.trigger('channel.subscription.message', { months: 3, streak: 4 })).toThrow(
      /streak must be a whole number from 1 to 3/,
    );
    expect(() =>
      fx.sim.trigger('channel.subscription.message', { streak: 2, hideStreak: true }),
    ).toThrow(/streak or hideStreak/);
  });

  it('a cheer arrives as channel.cheer and as channel.bits.use of type cheer, with cheermote, emote and text fragments', async () => {
    const bitsBefore = fx.sim.channel().bits;
    const messages = await trigger('channel.cheer', {
      user: 'bob',
      bits: 150,
      message: 'Cheer100 great Kappa cheer50',
    });
    expect(messages.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.cheer',
      'channel.bits.use',
    ]);
    expect(messages[1].metadata.subscription_version).toBe('1');
    expectDocumentedShape('channel.cheer', messages[0].payload.event);
    expect(messages[0].payload.event.message).toBe('Cheer100 great Kappa cheer50');
    const event = messages[1].payload.event;
    expectDocumentedShape('channel.bits.use', event);
    expect(event).toEqual({
      user_id: messages[0].payload.event.user_id,
      user_login: 'bob',
      user_name: 'bob',
      broadcaster_user_id: '1000',
      broadcaster_user_login: 'demo_streamer',
      broadcaster_user_name: 'Demo_Streamer',
      bits: 150,
      type: 'cheer',
      power_up: null,
      message: {
        text: 'Cheer100 great Kappa cheer50',
        fragments: [
          {
            type: 'cheermote',
            text: 'Cheer100',
            cheermote: { prefix: 'cheer', bits: 100, tier: 100 },
            emote: null,
          },
          { type: 'text', text: ' great ', cheermote: null, emote: null },
          {
            type: 'emote',
            text: 'Kappa',
            cheermote: null,
            emote: { id: '25', emote_set_id: '0', owner_id: '0', format: ['static'] },
          },
          { type: 'text', text: ' ', cheermote: null, emote: null },
          {
            type: 'cheermote',
            text: 'cheer50',
            cheermote: { prefix: 'cheer', bits: 50, tier: 1 },
            emote: null,
          },
        ],
      },
    });
    // One cheer, its Bits counted once.
    expect(fx.sim.channel().bits).toBe(bitsBefore + 150);
  });

  it('triggering channel.bits.use as a cheer sends the same pair, as Twitch does for every cheer', async () => {
    const messages = await trigger('channel.bits.use', { user: 'cara', bits: 5000 });
    expect(messages.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.cheer',
      'channel.bits.use',
    ]);
    expect(messages[1].payload.event.message.fragments[0]).toEqual({
      type: 'cheermote',
      text: 'Cheer5000',
      cheermote: { prefix: 'cheer', bits: 5000, tier: 5000 },
      emote: null,
    });
  });

  it('an anonymous cheer is channel.cheer without a name and channel.bits.use from AnAnonymousCheerer', async () => {
    const [cheer, use] = await trigger('channel.cheer', { anonymous: true, bits: 10 });
    expect(cheer.payload.event).toMatchObject({ is_anonymous: true, user_id: null });
    expect(use.payload.event).toMatchObject({
      user_id: '407665396',
      user_login: 'ananonymouscheerer',
      user_name: 'AnAnonymousCheerer',
      bits: 10,
      type: 'cheer',
    });
  });

  it('a message effect Power-up names its effect; its message has no cheermotes', async () => {
    const bitsBefore = fx.sim.channel().bits;
    const [message] = await trigger('channel.bits.use', {
      user: 'dina',
      bitsType: 'power_up',
      powerUp: 'message_effect',
      effect: 'rainbow-eclipse',
      message: 'Cheer100 PogChamp',
    });
    const event = message.payload.event;
    expectDocumentedShape('channel.bits.use', event);
    expect(event).toMatchObject({
      user_login: 'dina',
      bits: 10,
      type: 'power_up',
      power_up: { type: 'message_effect', emote: null, message_effect_id: 'rainbow-eclipse' },
      message: {
        text: 'Cheer100 PogChamp',
        fragments: [
          { type: 'text', text: 'Cheer100 ', cheermote: null, emote: null },
          {
            type: 'emote',
            text: 'PogChamp',
            cheermote: null,
            emote: { id: '305954156', emote_set_id: '0', owner_id: '0', format: ['static'] },
          },
        ],
      },
    });
    expect(Object.keys(event.power_up).sort()).toEqual(['emote', 'message_effect_id', 'type']);
    expect(fx.sim.channel().bits).toBe(bitsBefore + 10);
  });

  it('a gigantified emote is in its message; a celebration has its emote and no message', async () => {
    const [gigantify] = await trigger('channel.bits.use', {
      user: 'eli',
      powerUp: 'gigantify_an_emote',
      message: 'so big',
    });
    expect(gigantify.payload.event).toMatchObject({
      bits: 30,
      type: 'power_up',
      power_up: {
        type: 'gigantify_an_emote',
        emote: { id: HYPE_EMOTE_ID, name: 'demostHype' },
        message_effect_id: null,
      },
      message: {
        text: 'so big demostHype',
        fragments: [
          { type: 'text', text: 'so big ', cheermote: null, emote: null },
          {
            type: 'emote',
            text: 'demostHype',
            cheermote: null,
            emote: {
              id: HYPE_EMOTE_ID,
              emote_set_id: '300374282',
              owner_id: '1000',
              format: ['static', 'animated'],
            },
          },
        ],
      },
    });
    const [celebration] = await trigger('channel.bits.use', {
      user: 'fin',
      bitsType: 'power_up',
      powerUp: 'celebration',
      emote: 'HeyGuys',
      bits: 100,
    });
    expectDocumentedShape('channel.bits.use', celebration.payload.event);
    expect(celebration.payload.event).toMatchObject({
      bits: 100,
      type: 'power_up',
      power_up: {
        type: 'celebration',
        emote: { id: '30259', name: 'HeyGuys' },
        message_effect_id: null,
      },
      message: null,
    });
  });

  it('a Combo has no message and no Power-up', async () => {
    const [combo] = await trigger('channel.bits.use', { user: 'gil', bitsType: 'combo' });
    expectDocumentedShape('channel.bits.use', combo.payload.event);
    expect(combo.payload.event).toMatchObject({
      user_login: 'gil',
      bits: 5,
      type: 'combo',
      power_up: null,
      message: null,
    });
  });

  it('moves a Bits goal and a hype train once per cheer, and by the Bits of Power-ups and Combos', async () => {
    fx.sim.trigger('channel.goal.begin', { goalType: 'new_bit', target: 10_000 });
    const cheered = await trigger('channel.cheer', { user: 'hal', bits: 100 });
    expect(cheered.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.cheer',
      'channel.bits.use',
      'channel.goal.progress',
    ]);
    expect(cheered[2].payload.event.current_amount).toBe(100);
    const powered = await trigger('channel.bits.use', { user: 'hal', powerUp: 'celebration' });
    expect(powered.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.bits.use',
      'channel.goal.progress',
    ]);
    expect(powered[1].payload.event.current_amount).toBe(160);
    fx.sim.trigger('channel.goal.end', { goalType: 'new_bit' });

    await trigger('channel.hype_train.begin', { user: 'ida', bits: 100 });
    const combo = await trigger('channel.bits.use', { user: 'ida', bitsType: 'combo', bits: 20 });
    expect(combo.map((m) => m.metadata.subscription_type)).toEqual([
      'channel.bits.use',
      'channel.hype_train.progress',
    ]);
    expect(combo[1].payload.event.total).toBe(120);
    fx.sim.trigger('channel.hype_train.end');
  });

  it('refuses a kind of Bits, Power-up or emote it does not know, and a Power-up sent as channel.cheer', () => {
    expect(() => fx.sim.trigger('channel.bits.use', { bitsType: 'tip' })).toThrow(
      /type must be one of cheer, power_up, combo/,
    );
    expect(() => fx.sim.trigger('channel.bits.use', { powerUp: 'confetti' })).toThrow(
      /power-up must be one of message_effect, gigantify_an_emote, celebration/,
    );
    expect(() =>
      fx.sim.trigger('channel.bits.use', { powerUp: 'celebration', emote: 'NotAnEmote' }),
    ).toThrow(/Kappa/);
    expect(() => fx.sim.trigger('channel.cheer', { bitsType: 'power_up' })).toThrow(
      /trigger channel.bits.use --type power_up/,
    );
  });
});
