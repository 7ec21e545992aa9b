import type { SimulatedEventType } from '../src/event-types.js';
import type { SimulatedTrigger } from '../src/simulator-types.js';
import { expectDocumentedShape } from './support/documented-fields.js';
import type { EventSubTestClient, ReceivedMessage } from './support/eventsub-test-client.js';
import { SimulatorFixture } from './support/simulator-fixture.js';

const BROADCASTER = {
  broadcaster_user_id: '1000',
  broadcaster_user_login: 'demo_streamer',
  broadcaster_user_name: 'Demo_Streamer',
};

describe('ad breaks, shoutouts and charity campaigns', () => {
  let fx: SimulatorFixture;
  let client: EventSubTestClient;
  let sessionId: string;

  beforeAll(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
    ({ client, sessionId } = await fx.session());
    for (const type of [
      'channel.ad_break.begin',
      'channel.shoutout.create',
      'channel.shoutout.receive',
      'channel.charity_campaign.donate',
      'channel.charity_campaign.start',
      'channel.charity_campaign.progress',
      'channel.charity_campaign.stop',
    ]) {
      expect((await fx.subscribe(sessionId, type)).status).toBe(202);
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

  describe('ad breaks', () => {
    it('needs a live stream', () => {
      expect(() => fx.sim.trigger('channel.ad_break.begin')).toThrow(/live stream/);
    });

    it('sends the length, the start, who asked, and whether the schedule ran it', async () => {
      fx.sim.trigger('stream.online');
      const [asked] = await trigger('channel.ad_break.begin', { user: 'mod_mia', seconds: 90 });
      expect(asked.metadata.subscription_version).toBe('1');
      const event = asked.payload.event;
      expectDocumentedShape('channel.ad_break.begin', event);
      expect(event).toEqual({
        duration_seconds: 90,
        started_at: expect.any(String),
        is_automatic: false,
        ...BROADCASTER,
        requester_user_id: fx.sim.user('mod_mia').id,
        requester_user_login: 'mod_mia',
        requester_user_name: 'mod_mia',
      });
      expect(Number.isNaN(Date.parse(event.started_at))).toBe(false);

      const [automatic] = await trigger('channel.ad_break.begin', {
        automatic: true,
        user: 'mod_mia',
      });
      expect(automatic.payload.event).toMatchObject({
        duration_seconds: 60,
        is_automatic: true,
        requester_user_id: '1000',
        requester_user_login: 'demo_streamer',
      });
      expect(() => fx.sim.trigger('channel.ad_break.begin', { seconds: 200 })).toThrow(
        /seconds must be a whole number from 0 to 180/,
      );
    });
  });

  describe('shoutouts', () => {
    it('a shoutout given is create on this channel and receive on the other, each reaching its own subscribers', async () => {
      const friend = fx.sim.user('friendly_streamer');
      const theirs = await fx.session();
      const theirToken = fx.sim.mintUserToken({ user: 'friendly_streamer' }).accessToken;
      const received = await fx.subscribe(theirs.sessionId, 'channel.shoutout.receive', {
        token: theirToken,
        condition: { broadcaster_user_id: friend.id, moderator_user_id: friend.id },
      });
      expect(received.status).toBe(202);

      const before = client.ofType('notification').length;
      const result = fx.sim.trigger('channel.shoutout.create', {
        user: 'friendly_streamer',
        viewers: 42,
      });
      expect(result.events.map((e) => e.type)).toEqual([
        'channel.shoutout.create',
        'channel.shoutout.receive',
      ]);
      expect(result.delivered).toBe(2);
      const create = (await client.waitForType('notification', before + 1))[before];
      const event = create.payload.event;
      expectDocumentedShape('channel.shoutout.create', event);
      expect(event).toEqual({
        ...BROADCASTER,
        to_broadcaster_user_id: friend.id,
        to_broadcaster_user_login: 'friendly_streamer',
        to_broadcaster_user_name: 'friendly_streamer',
        moderator_user_id: '1000',
        moderator_user_login: 'demo_streamer',
        moderator_user_name: 'Demo_Streamer',
        viewer_count: 42,
        started_at: expect.any(String),
        cooldown_ends_at: expect.any(String),
        target_cooldown_ends_at: expect.any(String),
      });
      const started = Date.parse(event.started_at);
      expect(Date.parse(event.cooldown_ends_at) - started).toBe(2 * 60_000);
      expect(Date.parse(event.target_cooldown_ends_at) - started).toBe(60 * 60_000);

      const [receive] = await theirs.client.waitForType('notification', 1);
      expectDocumentedShape('channel.shoutout.receive', receive.payload.event);
      expect(receive.payload.event).toEqual({
        broadcaster_user_id: friend.id,
        broadcaster_user_login: 'friendly_streamer',
        broadcaster_user_name: 'friendly_streamer',
        from_broadcaster_user_id: '1000',
        from_broadcaster_user_login: 'demo_streamer',
        from_broadcaster_user_name: 'Demo_Streamer',
        viewer_count: 42,
        started_at: event.started_at,
      });
    });

    it('a shoutout received names the other channel and its viewers (10 when it is not live)', async () => {
      const messages = await trigger('channel.shoutout.receive', { user: 'big_streamer' });
      expect(messages.map((m) => m.metadata.subscription_type)).toEqual([
        'channel.shoutout.receive',
      ]);
      expect(messages[0].payload.event).toMatchObject({
        ...BROADCASTER,
        from_broadcaster_user_login: 'big_streamer',
        viewer_count: 10,
      });
      fx.sim.trigger('stream.online', { broadcaster: 'big_streamer', viewers: 1234 });
      const [live] = await trigger('channel.shoutout.receive', { user: 'big_streamer' });
      expect(live.payload.event.viewer_count).toBe(1234);
    });

    it('refuses a shoutout of the channel itself', () => {
      expect(() => fx.sim.trigger('channel.shoutout.create', { user: 'demo_streamer' })).toThrow(
        /cannot shout itself out/,
      );
    });
  });

  describe('charity campaigns', () => {
    it('a campaign starts, takes donations (each followed by a progress), moves its target and stops', async () => {
      const [start] = await trigger('channel.charity_campaign.start', {
        charity: 'Trees for Streams',
        target: 100_000,
        currency: 'eur',
      });
      const begun = start.payload.event;
      expectDocumentedShape('channel.charity_campaign.start', begun);
      expect(begun).toEqual({
        id: expect.any(String),
        ...BROADCASTER,
        charity_name: 'Trees for Streams',
        charity_description: expect.any(String),
        charity_logo: `${fx.sim.baseUrl}/charity-logos/${begun.id}/100.png`,
        charity_website: 'https://www.example.org/charity',
        current_amount: { value: 0, decimal_places: 2, currency: 'EUR' },
        target_amount: { value: 100_000, decimal_places: 2, currency: 'EUR' },
        started_at: expect.any(String),
      });
      const logo = await fetch(begun.charity_logo);
      expect(logo.status).toBe(200);
      expect(logo.headers.get('content-type')).toBe('image/png');

      const donated = await trigger('channel.charity_campaign.donate', {
        user: 'generous_gen',
        amount: 2500,
      });
      expect(donated.map((m) => m.metadata.subscription_type)).toEqual([
        'channel.charity_campaign.donate',
        'channel.charity_campaign.progress',
      ]);
      const donation = donated[0].payload.event;
      expectDocumentedShape('channel.charity_campaign.donate', donation);
      expect(donation).toEqual({
        id: expect.any(String),
        campaign_id: begun.id,
        ...BROADCASTER,
        user_id: fx.sim.user('generous_gen').id,
        user_login: 'generous_gen',
        user_name: 'generous_gen',
        charity_name: 'Trees for Streams',
        charity_description: begun.charity_description,
        charity_logo: begun.charity_logo,
        charity_website: begun.charity_website,
        amount: { value: 2500, decimal_places: 2, currency: 'EUR' },
      });
      expect(donation.id).not.toBe(begun.id);
      expectDocumentedShape('channel.charity_campaign.progress', donated[1].payload.event);
      expect(donated[1].payload.event.current_amount.value).toBe(2500);

      const helix = await fx.api('/mock/charity/campaigns?broadcaster_id=1000');
      expect(helix.status).toBe(200);
      expect(helix.json.data).toEqual([
        expect.objectContaining({
          id: begun.id,
          broadcaster_id: '1000',
          current_amount: { value: 2500, decimal_places: 2, currency: 'EUR' },
        }),
      ]);

      const [moved] = await trigger('channel.charity_campaign.progress', { target: 200_000 });
      expect(moved.payload.event).toMatchObject({
        current_amount: { value: 2500 },
        target_amount: { value: 200_000 },
      });
      const [stop] = await trigger('channel.charity_campaign.stop');
      expectDocumentedShape('channel.charity_campaign.stop', stop.payload.event);
      expect(stop.payload.event).toMatchObject({ id: begun.id, current_amount: { value: 2500 } });
      expect((await fx.api('/mock/charity/campaigns?broadcaster_id=1000')).json.data).toEqual([]);
    });

    it('a donation with no campaign running starts one first; a second start is refused', async () => {
      const messages = await trigger('channel.charity_campaign.donate', { currency: 'JPY' });
      expect(messages.map((m) => m.metadata.subscription_type)).toEqual([
        'channel.charity_campaign.start',
        'channel.charity_campaign.donate',
        'channel.charity_campaign.progress',
      ]);
      // The implicit start takes the defaults, USD.
      expect(messages[1].payload.event.amount).toEqual({
        value: 500,
        decimal_places: 2,
        currency: 'USD',
      });
      expect(() => fx.sim.trigger('channel.charity_campaign.start')).toThrow(/running already/);
      await trigger('channel.charity_campaign.stop');
    });

    it('writes each currency with its own decimal places, and refuses a code that is none', async () => {
      const [yen] = await trigger('channel.charity_campaign.start', {
        currency: 'JPY',
        target: 50_000,
      });
      expect(yen.payload.event.target_amount).toEqual({
        value: 50_000,
        decimal_places: 0,
        currency: 'JPY',
      });
      await trigger('channel.charity_campaign.stop');
      expect(() =>
        fx.sim.trigger('channel.charity_campaign.start', { currency: 'dollars' }),
      ).toThrow(/three-letter code/);
    });

    it('Helix charity/campaigns needs the broadcaster’s own token with channel:read:charity', async () => {
      const token = fx.sim.mintUserToken({ scopes: ['bits:read'] }).accessToken;
      expect((await fx.api('/mock/charity/campaigns?broadcaster_id=1000', { token })).status).toBe(
        401,
      );
    });
  });
});

describe('subscriptions to the new types', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  it.each([
    ['channel.ad_break.begin', 'channel:read:ads'],
    ['channel.shoutout.create', 'moderator:read:shoutouts'],
    ['channel.shoutout.receive', 'moderator:read:shoutouts'],
    ['channel.charity_campaign.donate', 'channel:read:charity'],
    ['channel.charity_campaign.progress', 'channel:read:charity'],
    ['channel.subscription.message', 'channel:read:subscriptions'],
    ['channel.bits.use', 'bits:read'],
  ])('%s v1 needs %s on the broadcaster’s own token', async (type, scope) => {
    const session = await fx.session();
    const without = fx.sim.mintUserToken({ scopes: ['user:read:email'] }).accessToken;
    expect((await fx.subscribe(session.sessionId, type, { token: without })).status).toBe(403);
    const other = fx.sim.mintUserToken({ user: 'some_viewer', scopes: [scope] }).accessToken;
    expect((await fx.subscribe(session.sessionId, type, { token: other })).status).toBe(403);
    const token = fx.sim.mintUserToken({ scopes: [scope] }).accessToken;
    expect((await fx.subscribe(session.sessionId, type, { version: '2', token })).status).toBe(400);
    expect((await fx.subscribe(session.sessionId, type, { token })).status).toBe(202);
  });

  it('takes moderator:manage:shoutouts for its read scope, and needs the moderator in the condition', async () => {
    const session = await fx.session();
    const token = fx.sim.mintUserToken({ scopes: ['moderator:manage:shoutouts'] }).accessToken;
    const missing = await fx.subscribe(session.sessionId, 'channel.shoutout.create', {
      token,
      condition: { broadcaster_user_id: '1000' },
    });
    expect(missing.status).toBe(400);
    expect(missing.json.message).toContain('moderator_user_id');
    expect(
      (await fx.subscribe(session.sessionId, 'channel.shoutout.receive', { token })).status,
    ).toBe(202);
  });
});
