import { ApiClient } from '@twurple/api';
import { HttpStatusCodeError } from '@twurple/api-call';
import {
  exchangeDeviceCode,
  RefreshingAuthProvider,
  StaticAuthProvider,
  startDeviceCodeFlow,
} from '@twurple/auth';
import { EventSubWsListener } from '@twurple/eventsub-ws';
import { TwitchSimulator } from '../src/twitch-simulator.js';
import { eventually } from './support/simulator-fixture.js';

/**
 * The smallest end-to-end check: Twurple itself, pointed at the simulator through
 * TWURPLE_MOCK_API_PORT, exactly as the service will be in tests and demo mode.
 */
/**
 * Twurple keeps every notification's message_id for ten minutes on a plain setTimeout (not unref'd,
 * not cleared by `stop()`), which would hold Jest open for ten minutes after the first event. While
 * these tests run, such long timers are unref'd; nothing else about timers changes.
 */
function unrefLongTimers(): () => void {
  const original = globalThis.setTimeout;
  const patched = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = original(handler, ms, ...args);
    if ((ms ?? 0) >= 60_000) timer.unref();
    return timer;
  }) as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patched, original);
  return () => {
    globalThis.setTimeout = original;
  };
}

describe('Twurple against the simulator', () => {
  let restoreTimers: () => void;
  let sim: TwitchSimulator;
  let previousPort: string | undefined;
  const listeners: EventSubWsListener[] = [];

  beforeAll(() => {
    restoreTimers = unrefLongTimers();
  });

  afterAll(() => {
    restoreTimers();
  });

  beforeEach(async () => {
    sim = new TwitchSimulator({
      pingIntervalMs: 0,
      reconnectOverlapMs: 5_000,
      dropNoticeMs: 0,
      // A device code's polling interval; Twitch's is 5 s, which the test would wait out.
      deviceCodeIntervalSeconds: 1,
    });
    await sim.start({ port: 0 });
    previousPort = process.env.TWURPLE_MOCK_API_PORT;
    process.env.TWURPLE_MOCK_API_PORT = String(sim.port);
  });

  afterEach(async () => {
    for (const listener of listeners.splice(0)) listener.stop();
    if (previousPort === undefined) delete process.env.TWURPLE_MOCK_API_PORT;
    else process.env.TWURPLE_MOCK_API_PORT = previousPort;
    await sim.stop();
  });

  function staticApiClient(): ApiClient {
    const token = sim.mintUserToken();
    return new ApiClient({ authProvider: new StaticAuthProvider(sim.clientId, token.accessToken) });
  }

  function listen(apiClient: ApiClient): EventSubWsListener {
    const listener = new EventSubWsListener({ apiClient, logger: { minLevel: 'critical' } });
    listeners.push(listener);
    return listener;
  }

  it('EventSubWsListener receives a triggered follow, and ApiClient reads /streams', async () => {
    const apiClient = staticApiClient();
    const listener = listen(apiClient);
    const follows: string[] = [];
    listener.onChannelFollow(sim.broadcaster.id, sim.broadcaster.id, (event) => {
      follows.push(event.userName);
    });
    listener.start();
    await eventually(
      () => sim.subscriptions({ status: 'enabled', type: 'channel.follow' }).length === 1,
      'Twurple to subscribe to channel.follow',
    );

    sim.trigger('channel.follow', { user: 'alice' });
    await eventually(() => follows.length === 1, 'the follow to reach Twurple');
    expect(follows).toEqual(['alice']);

    expect(await apiClient.streams.getStreamByUserId(sim.broadcaster.id)).toBeNull();
    sim.trigger('stream.online', { title: 'Twurple test', viewers: 5 });
    const stream = await apiClient.streams.getStreamByUserId(sim.broadcaster.id);
    expect(stream).toMatchObject({ title: 'Twurple test', viewers: 5, type: 'live' });
    expect(await apiClient.channels.getChannelFollowerCount(sim.broadcaster.id)).toBe(1);
  });

  it("Twurple subscribes to resubs, Bits, ad breaks, shoutouts and charity and reads the simulator's payloads", async () => {
    const apiClient = new ApiClient({
      authProvider: new StaticAuthProvider(sim.clientId, sim.mintUserToken().accessToken),
    });
    const listener = listen(apiClient);
    const id = sim.broadcaster.id;
    const seen: Record<string, unknown[]> = {};
    const note = (key: string, value: unknown) => (seen[key] ??= []).push(value);
    listener.onChannelSubscriptionMessage(id, (e) =>
      note('resub', [
        e.userName,
        e.cumulativeMonths,
        e.streakMonths,
        e.messageText,
        e.emoteOffsets,
      ]),
    );
    listener.onChannelBitsUse(id, (e) =>
      note('bits', [e.type, e.bits, e.powerUp?.type ?? null, e.messageParts?.length ?? null]),
    );
    listener.onChannelAdBreakBegin(id, (e) => note('ad', [e.durationSeconds, e.isAutomatic]));
    listener.onChannelShoutoutCreate(id, id, (e) =>
      note('shoutout', [e.shoutedOutBroadcasterName, e.viewerCount]),
    );
    listener.onChannelShoutoutReceive(id, id, (e) =>
      note('shoutoutReceived', [e.shoutingOutBroadcasterName]),
    );
    listener.onChannelCharityDonation(id, (e) =>
      note('donation', [e.donorName, e.amount.value, e.amount.decimalPlaces, e.amount.currency]),
    );
    listener.start();
    await eventually(
      () => sim.subscriptions({ status: 'enabled' }).length === 6,
      'Twurple to subscribe to the six types',
    );

    sim.trigger('stream.online');
    sim.trigger('channel.subscription.message', {
      user: 'rita',
      months: 14,
      streak: 6,
      message: 'Hi Kappa',
    });
    sim.trigger('channel.cheer', { user: 'bob', bits: 100, message: 'Cheer100 hi' });
    sim.trigger('channel.bits.use', { user: 'cat', powerUp: 'celebration' });
    sim.trigger('channel.ad_break.begin', { seconds: 90 });
    sim.trigger('channel.shoutout.create', { user: 'friendly_streamer', viewers: 7 });
    sim.trigger('channel.shoutout.receive', { user: 'big_streamer' });
    sim.trigger('channel.charity_campaign.donate', { user: 'gen', amount: 1250 });
    await eventually(
      () =>
        ['resub', 'bits', 'ad', 'shoutout', 'shoutoutReceived', 'donation'].every((k) => seen[k]) &&
        seen.bits.length === 2,
      'every event to reach Twurple',
    );
    expect(seen).toEqual({
      resub: [['rita', 14, 6, 'Hi Kappa', new Map([['25', ['3-7']]])]],
      bits: [
        ['cheer', 100, null, 2],
        ['power_up', 60, 'celebration', null],
      ],
      ad: [[90, false]],
      shoutout: [['friendly_streamer', 7]],
      shoutoutReceived: [['big_streamer']],
      donation: [['gen', 1250, 2, 'USD']],
    });

    const cheermotes = await apiClient.bits.getCheermotes();
    expect(cheermotes.getPossibleNames()).toEqual(['cheer']);
    const shown = cheermotes.getCheermoteDisplayInfo('Cheer', 150, {
      background: 'dark',
      state: 'animated',
      scale: '2',
    });
    expect(shown).toEqual({
      url: `${sim.baseUrl}/actions/cheer/dark/animated/100/2.gif`,
      color: '#9c3ee8',
    });
  });

  it("Twurple subscribes to the chat types as the broadcaster and reads the simulator's chat", async () => {
    const listener = listen(staticApiClient());
    const id = sim.broadcaster.id;
    const seen: Record<string, unknown[]> = {};
    const note = (key: string, value: unknown) => (seen[key] ??= []).push(value);
    listener.onChannelChatMessage(id, id, (e) =>
      note('message', [
        e.chatterName,
        e.messageText,
        e.messageParts.map((part) => part.type),
        e.parentMessageId,
        e.sourceBroadcasterName,
        e.bits,
      ]),
    );
    listener.onChannelChatMessageDelete(id, id, (e) => note('delete', [e.userName, e.messageId]));
    listener.onChannelChatClearUserMessages(id, id, (e) => note('timeout', [e.userName]));
    listener.onChannelChatClear(id, id, (e) => note('clear', [e.broadcasterName]));
    listener.onChannelChatNotification(id, id, (e) =>
      note('notice', [e.type, e.type === 'resub' ? e.isPrime : null, e.chatterName]),
    );
    listener.start();
    await eventually(
      () => sim.subscriptions({ status: 'enabled' }).length === 5,
      'Twurple to subscribe to the five chat types',
    );
    sim.user('mia');
    const first = sim.trigger('channel.chat.message', { user: 'ann', message: 'hi @mia Kappa' });
    const firstId = String(first.events[0]?.event.message_id);
    sim.trigger('channel.chat.message', { user: 'bob', message: 'Cheer50 yo', replyTo: firstId });
    sim.trigger('channel.chat.message', { user: 'eve', message: 'hey', source: 'pixelharbor' });
    sim.trigger('channel.chat.message_delete', { messageId: firstId });
    sim.trigger('channel.chat.clear_user_messages', { user: 'bob' });
    sim.trigger('channel.chat.clear');
    sim.trigger('channel.chat.notification', { user: 'rita', notice: 'resub', prime: true });
    await eventually(
      () => ['message', 'delete', 'timeout', 'clear', 'notice'].every((k) => seen[k]),
      'every chat event to reach Twurple',
    );
    await eventually(() => seen.message.length === 3, 'the three messages');
    expect(seen).toEqual({
      message: [
        ['ann', 'hi @mia Kappa', ['text', 'mention', 'text', 'emote'], null, null, 0],
        ['bob', 'Cheer50 yo', ['cheermote', 'text'], firstId, null, 50],
        ['eve', 'hey', ['text'], null, 'pixelharbor', 0],
      ],
      delete: [['ann', firstId]],
      timeout: [['bob']],
      clear: [['demo_streamer']],
      notice: [['resub', true, 'rita']],
    });
  });

  it("Twurple reads Get Chat Badges, global and the channel's, and their images are served", async () => {
    const apiClient = staticApiClient();
    const global = await apiClient.chat.getGlobalBadges();
    const moderator = global.find((set) => set.id === 'moderator')?.getVersion('1');
    expect(moderator?.title).toBe('Moderator');
    const channel = await apiClient.chat.getChannelBadges(sim.broadcaster.id);
    expect(channel.map((set) => set.id)).toEqual(['subscriber', 'bits']);
    const sixMonths = channel[0]?.getVersion('6');
    expect(sixMonths?.getImageUrl(1)).toBe(`${sim.baseUrl}/badges/v1/subscriber-6/1`);
    const image = await fetch(sixMonths!.getImageUrl(4));
    expect([image.status, image.headers.get('content-type')]).toEqual([200, 'image/png']);
    expect((await fetch(`${sim.baseUrl}/badges/v1/subscriber-99/1`)).status).toBe(404);
    // A channel that is neither affiliate nor partner has no badges of its own.
    expect(await apiClient.chat.getChannelBadges(sim.user('just_a_viewer').id)).toEqual([]);
  });

  it('Twurple follows session_reconnect without resubscribing and keeps receiving events', async () => {
    const listener = listen(staticApiClient());
    const onlines: string[] = [];
    listener.onStreamOnline(sim.broadcaster.id, (event) => {
      onlines.push(event.id);
    });
    listener.start();
    await eventually(
      () => sim.subscriptions({ status: 'enabled' }).length === 1,
      'Twurple to subscribe',
    );
    const [before] = sim.sessions();
    const creations = sim.helixRequestCount('eventsub/subscriptions');

    expect(sim.requestReconnect()).toBe(1);
    await eventually(
      () => sim.sessions().length === 1 && sim.sessions()[0].id !== before.id,
      'Twurple to move to the new session and close the old one itself',
    );
    expect(sim.subscriptions()[0]).toMatchObject({
      status: 'enabled',
      transport: { session_id: sim.sessions()[0].id },
    });
    expect(sim.helixRequestCount('eventsub/subscriptions')).toBe(creations);

    sim.trigger('stream.online');
    await eventually(() => onlines.length === 1, 'the event to arrive on the new session');
  });

  it('Twurple resubscribes on a new session after an abrupt drop', async () => {
    const listener = listen(staticApiClient());
    listener.onStreamOffline(sim.broadcaster.id, () => undefined);
    listener.start();
    await eventually(
      () => sim.subscriptions({ status: 'enabled' }).length === 1,
      'Twurple to subscribe',
    );
    sim.dropConnections();
    await eventually(
      () =>
        sim.subscriptions({ status: 'enabled' }).length === 1 && sim.subscriptions().length === 2,
      'Twurple to reconnect and subscribe again',
      30_000,
    );
    expect(sim.subscriptions({ status: 'websocket_disconnected' })).toHaveLength(1);
  });

  it('after an EventSub outage Twurple comes back and resubscribes; Helix, through Twurple, shows what it missed', async () => {
    const apiClient = staticApiClient();
    const listener = listen(apiClient);
    const follows: string[] = [];
    const id = sim.broadcaster.id;
    listener.onChannelFollow(id, id, (event) => {
      follows.push(event.userName);
    });
    listener.start();
    await eventually(
      () => sim.subscriptions({ status: 'enabled', type: 'channel.follow' }).length === 1,
      'Twurple to subscribe',
    );
    sim.trigger('channel.follow', { user: 'before_outage' });
    await eventually(() => follows.length === 1, 'the first follow');

    expect(sim.startOutage(600)).toBe(1);
    await eventually(
      () => sim.outage().refusedConnections >= 1,
      'Twurple to try to come back, and be cut',
    );
    const missed = Array.from({ length: 130 }, (_, i) => `missed_${i}`);
    for (const user of missed) sim.trigger('channel.follow', { user });
    sim.trigger('channel.subscription.gift', { user: 'santa', total: 3, tier: 2 });
    sim.trigger('channel.cheer', { user: 'cheery', bits: 300 });
    sim.trigger('channel.cheer', { anonymous: true, bits: 5000 });

    // Helix is up: Twurple's paginators walk the lists (more than one page of 100 followers).
    const followers = await apiClient.channels.getChannelFollowersPaginated(id).getAll();
    expect(followers.map((f) => f.userName)).toEqual([...missed].reverse().concat('before_outage'));
    expect(followers[0].followDate).toBeInstanceOf(Date);
    const subs = await apiClient.subscriptions.getSubscriptionsPaginated(id).getAll();
    expect(subs.map((s) => [s.isGift, s.gifterName, s.tier])).toEqual([
      [true, 'santa', '2000'],
      [true, 'santa', '2000'],
      [true, 'santa', '2000'],
    ]);
    const board = await apiClient.bits.getLeaderboard(id, { period: 'all', count: 5 });
    expect(board.entries.map((e) => [e.userName, e.rank, e.amount])).toEqual([['cheery', 1, 300]]);
    expect(board.totalCount).toBe(1);

    sim.endOutage();
    await eventually(
      () =>
        sim.sessions().length === 1 &&
        sim.subscriptions({ status: 'enabled', type: 'channel.follow' }).length === 1,
      'Twurple to reconnect and subscribe again',
      30_000,
    );
    sim.trigger('channel.follow', { user: 'after_outage' });
    await eventually(() => follows.includes('after_outage'), 'the follow after the outage');
    expect(follows).toEqual(['before_outage', 'after_outage']);
    expect(sim.outage().missedEvents.filter((e) => e.type === 'channel.follow')).toHaveLength(130);
  });

  it('RefreshingAuthProvider renews an expired token with the rotating refresh token', async () => {
    const token = sim.mintUserToken();
    const authProvider = new RefreshingAuthProvider({ clientId: sim.clientId });
    const refreshed: string[] = [];
    authProvider.onRefresh((_userId, next) => refreshed.push(next.refreshToken ?? ''));
    authProvider.addUser(token.userId, token);
    const apiClient = new ApiClient({ authProvider });
    expect((await apiClient.users.getUserById(token.userId))?.name).toBe('demo_streamer');

    sim.expireAccessTokens();
    expect((await apiClient.users.getUserById(token.userId))?.name).toBe('demo_streamer');
    expect(refreshed).toHaveLength(1);
    expect(refreshed[0]).not.toBe(token.refreshToken);
  });

  it("Twurple's Device Code Flow helpers parse the simulator's answers", async () => {
    const scopes = ['channel:read:subscriptions'];
    const flow = await startDeviceCodeFlow(sim.clientId, scopes);
    expect(flow.verificationUri).toContain('/activate');
    const pending = await exchangeDeviceCode(sim.clientId, flow.deviceCode, scopes).catch(
      (error: unknown) => error,
    );
    expect(pending).toBeInstanceOf(HttpStatusCodeError);
    expect(JSON.parse((pending as HttpStatusCodeError).body)).toMatchObject({
      message: 'authorization_pending',
    });

    sim.approveDeviceCode(flow.userCode);
    await new Promise((resolve) => setTimeout(resolve, 1_100)); // the device code's polling interval
    const token = await exchangeDeviceCode(sim.clientId, flow.deviceCode, scopes);
    expect(token).toMatchObject({ scope: scopes, refreshToken: expect.any(String) });
  });
});
