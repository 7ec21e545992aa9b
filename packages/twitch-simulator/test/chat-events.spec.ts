import { CHAT_NOTICE_TYPES } from '../src/chat-notices.js';
import type { SimulatedEventType } from '../src/event-types.js';
import type { SimulatedTrigger } from '../src/simulator-types.js';
import { expectDocumentedShape } from './support/documented-fields.js';
import type { EventSubTestClient, ReceivedMessage } from './support/eventsub-test-client.js';
import { SimulatorFixture } from './support/simulator-fixture.js';

const CHAT_TYPES = [
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
  'channel.chat.notification',
] as const;

type Fragment = { type: string; text: string; [kind: string]: unknown };

describe('chat', () => {
  let fx: SimulatorFixture;
  let client: EventSubTestClient;

  beforeAll(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
    const session = await fx.session();
    client = session.client;
    for (const type of CHAT_TYPES) {
      expect((await fx.subscribe(session.sessionId, type)).status).toBe(202);
    }
  });

  afterAll(async () => {
    await fx.stop();
  });

  /** Triggers and returns the event objects of the notifications it produced, in order. */
  async function trigger(
    type: SimulatedEventType,
    options: SimulatedTrigger = {},
  ): Promise<Array<Record<string, unknown> & ReceivedMessage['payload']['event']>> {
    const before = client.ofType('notification').length;
    const { delivered } = fx.sim.trigger(type, options);
    const all = await client.waitForType('notification', before + delivered);
    return all.slice(before).map((message) => message.payload.event);
  }

  describe('messages', () => {
    it('cut the text into text, emote, cheermote and mention fragments, each with every kind’s field', async () => {
      fx.sim.user('mod_mia');
      const [event] = await trigger('channel.chat.message', {
        user: 'ann',
        message: 'hi @mod_mia Kappa Cheer100 @nobody_known demostHype',
      });
      expectDocumentedShape('channel.chat.message', event);
      const fragments = (event.message as { fragments: Fragment[] }).fragments;
      expect(fragments.map((f) => [f.type, f.text])).toEqual([
        ['text', 'hi '],
        ['mention', '@mod_mia'],
        ['text', ' '],
        ['emote', 'Kappa'],
        ['text', ' '],
        ['cheermote', 'Cheer100'],
        ['text', ' @nobody_known '],
        ['emote', 'demostHype'],
      ]);
      for (const fragment of fragments) {
        expect(Object.keys(fragment).sort()).toEqual([
          'cheermote',
          'emote',
          'mention',
          'text',
          'type',
        ]);
      }
      expect(fragments[1].mention).toEqual({
        user_id: fx.sim.user('mod_mia').id,
        user_login: 'mod_mia',
        user_name: 'mod_mia',
      });
      expect(fragments[5].cheermote).toEqual({ prefix: 'cheer', bits: 100, tier: 100 });
      expect(fragments[7].emote).toMatchObject({
        owner_id: '1000',
        format: ['static', 'animated'],
      });
      expect(event).toMatchObject({
        chatter_user_login: 'ann',
        message_type: 'text',
        cheer: { bits: 100 },
        reply: null,
        source_broadcaster_user_id: null,
        source_badges: null,
      });
    });

    it('carry each chatter’s badges and colour, the same every time; some chatters have no colour', async () => {
      fx.sim.trigger('channel.subscribe', { user: 'subbed_sam' });
      const looks = new Map<string, { color: unknown; badges: unknown }>();
      for (let i = 0; i < 30; i++) {
        const [event] = await trigger('channel.chat.message', { user: `chatter_${i}` });
        looks.set(String(event.chatter_user_login), { color: event.color, badges: event.badges });
        expect(event.color === '' || /^#[0-9A-F]{6}$/.test(String(event.color))).toBe(true);
      }
      const colours = [...looks.values()].map((look) => look.color);
      expect(colours).toContain('');
      expect(colours.filter((colour) => colour !== '').length).toBeGreaterThan(10);
      const [again] = await trigger('channel.chat.message', { user: 'chatter_3' });
      expect({ color: again.color, badges: again.badges }).toEqual(looks.get('chatter_3'));

      const [sub] = await trigger('channel.chat.message', { user: 'subbed_sam' });
      expect(sub.badges).toContainEqual(expect.objectContaining({ set_id: 'subscriber' }));
      const [own] = await trigger('channel.chat.message', { user: 'demo_streamer' });
      expect((own.badges as unknown[])[0]).toEqual({ set_id: 'broadcaster', id: '1', info: '' });
    });

    it('answer another message: the reply names its parent and the thread’s first message', async () => {
      const [parent] = await trigger('channel.chat.message', { user: 'ann', message: 'who won?' });
      const [reply] = await trigger('channel.chat.message', {
        user: 'bob',
        message: '@ann we did',
        replyTo: String(parent.message_id),
      });
      const [deeper] = await trigger('channel.chat.message', {
        user: 'cat',
        message: 'GG',
        replyTo: String(reply.message_id),
      });
      expect(reply.reply).toMatchObject({
        parent_message_id: parent.message_id,
        parent_message_body: 'who won?',
        parent_user_login: 'ann',
        thread_message_id: parent.message_id,
        thread_user_login: 'ann',
      });
      expect(deeper.reply).toMatchObject({
        parent_message_id: reply.message_id,
        parent_user_login: 'bob',
        thread_message_id: parent.message_id,
      });
      expect(() =>
        fx.sim.trigger('channel.chat.message', { message: 'hm', replyTo: 'no-such-id' }),
      ).toThrow(/no message no-such-id/);
    });

    it('come from another channel under shared chat with its source fields', async () => {
      const [event] = await trigger('channel.chat.message', {
        user: 'visitor',
        message: 'hello from next door',
        source: 'pixelharbor',
      });
      expectDocumentedShape('channel.chat.message', event);
      expect(event).toMatchObject({
        broadcaster_user_login: 'demo_streamer',
        source_broadcaster_user_login: 'pixelharbor',
        is_source_only: false,
      });
      expect(typeof event.source_message_id).toBe('string');
      expect(Array.isArray(event.source_badges)).toBe(true);
    });

    it('refuse an empty message and one longer than Twitch’s 500 characters', () => {
      expect(() => fx.sim.trigger('channel.chat.message', { message: ' ' })).toThrow(/1 to 500/);
      expect(() => fx.sim.trigger('channel.chat.message', { message: 'a'.repeat(501) })).toThrow(
        /1 to 500/,
      );
    });
  });

  describe('moderation', () => {
    it('deletes a message by its id, naming its chatter; the same id again is refused', async () => {
      const [sent] = await trigger('channel.chat.message', { user: 'spammer', message: 'buy' });
      const [deleted] = await trigger('channel.chat.message_delete', {
        messageId: String(sent.message_id),
      });
      expectDocumentedShape('channel.chat.message_delete', deleted);
      expect(deleted).toMatchObject({
        message_id: sent.message_id,
        target_user_login: 'spammer',
        broadcaster_user_login: 'demo_streamer',
      });
      expect(() =>
        fx.sim.trigger('channel.chat.message_delete', { messageId: String(sent.message_id) }),
      ).toThrow(/deleted already/);
    });

    it('deletes the newest message when no id is given', async () => {
      const [sent] = await trigger('channel.chat.message', { user: 'late', message: 'oops' });
      const [deleted] = await trigger('channel.chat.message_delete');
      expect(deleted.message_id).toBe(sent.message_id);
    });

    it('times out a chatter (clear_user_messages) and forgets their messages', async () => {
      const [sent] = await trigger('channel.chat.message', { user: 'troll', message: 'boo' });
      const [cleared] = await trigger('channel.chat.clear_user_messages', { user: 'troll' });
      expectDocumentedShape('channel.chat.clear_user_messages', cleared);
      expect(cleared).toMatchObject({ target_user_login: 'troll' });
      expect(() =>
        fx.sim.trigger('channel.chat.message_delete', { messageId: String(sent.message_id) }),
      ).toThrow(/no message/);
    });

    it('clears the chat', async () => {
      await trigger('channel.chat.message', { user: 'ann', message: 'still here' });
      const [cleared] = await trigger('channel.chat.clear');
      expectDocumentedShape('channel.chat.clear', cleared);
      expect(() => fx.sim.trigger('channel.chat.message_delete')).toThrow(/no message to delete/);
    });
  });

  describe('notices', () => {
    it.each(CHAT_NOTICE_TYPES)(
      '%s has the documented fields, with its own object set',
      async (notice) => {
        const [event] = await trigger('channel.chat.notification', { user: 'ann', notice });
        expectDocumentedShape('channel.chat.notification', event);
        expect(event.notice_type).toBe(notice);
        expect(event[notice]).toEqual(expect.any(Object));
        const others = Object.keys(event).filter(
          (field) => field !== notice && CHAT_NOTICE_TYPES.some((known) => known === field),
        );
        for (const field of others) expect(event[field]).toBeNull();
        const shared = notice.startsWith('shared_chat_');
        expect(event.source_broadcaster_user_login).toBe(shared ? 'pixelharbor' : null);
      },
    );

    it('tells a resub with Prime, its months and streak, in its object and its system message', async () => {
      const [event] = await trigger('channel.chat.notification', {
        user: 'Rita',
        notice: 'resub',
        prime: true,
        months: 14,
        streak: 6,
        message: 'Still here Kappa',
      });
      expect(event.resub).toMatchObject({
        is_prime: true,
        cumulative_months: 14,
        streak_months: 6,
        sub_tier: '1000',
      });
      expect(event.system_message).toBe(
        "Rita subscribed with Prime. They've subscribed for 14 months! They're currently on a 6 month streak!",
      );
      const fragments = (event.message as { fragments: Fragment[] }).fragments;
      expect(fragments.map((f) => f.type)).toEqual(['text', 'emote']);
    });

    it('tells a watch streak and an announcement with its colour; refuses a colour Twitch lacks', async () => {
      const [streak] = await trigger('channel.chat.notification', {
        user: 'loyal',
        notice: 'watch_streak',
        months: 10,
      });
      expect(streak.watch_streak).toEqual({ streak_count: 10, channel_points_awarded: 450 });
      const [announcement] = await trigger('channel.chat.notification', {
        user: 'demo_streamer',
        notice: 'announcement',
        color: 'purple',
        message: 'Stream starts in 5!',
      });
      expect(announcement.announcement).toEqual({ color: 'purple' });
      expect(() =>
        fx.sim.trigger('channel.chat.notification', { notice: 'announcement', color: 'red' }),
      ).toThrow(/colour/);
    });

    it('names another channel for shared_chat_* only', async () => {
      const [event] = await trigger('channel.chat.notification', {
        notice: 'shared_chat_sub',
        source: 'friendly_streamer',
      });
      expect(event.source_broadcaster_user_login).toBe('friendly_streamer');
      expect(() =>
        fx.sim.trigger('channel.chat.notification', { notice: 'sub', source: 'friendly_streamer' }),
      ).toThrow(/shared_chat_/);
      expect(() => fx.sim.trigger('channel.chat.notification', { notice: 'bogus' })).toThrow(
        /notice must be one of/,
      );
    });
  });
});

describe('chat scopes', () => {
  let fx: SimulatorFixture;
  let sessionId: string;

  beforeAll(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
    ({ sessionId } = await fx.session());
  });

  afterAll(async () => {
    await fx.stop();
  });

  it.each(CHAT_TYPES)(
    '%s v1 needs user:read:chat, with the broadcaster reading their own chat',
    async (type) => {
      const without = fx.sim.mintUserToken({ scopes: ['bits:read'] }).accessToken;
      expect((await fx.subscribe(sessionId, type, { token: without })).status).toBe(403);
      const token = fx.sim.mintUserToken({ scopes: ['user:read:chat'] }).accessToken;
      const noUser = await fx.subscribe(sessionId, type, {
        token,
        condition: { broadcaster_user_id: '1000' },
      });
      expect(noUser.status).toBe(400);
      expect(noUser.json.message).toContain('user_id');
      expect((await fx.subscribe(sessionId, type, { token })).status).toBe(202);
    },
  );
});
