import type { TwitchEventType } from '../../src/contract/twitch-events.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { TwitchSession } from '../../src/twitch/twitch-session.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

const CHAT_TYPES: readonly TwitchEventType[] = [
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
  'channel.chat.notification',
];

interface Message {
  type: string;
  event?: TwitchEventType;
  data: Record<string, unknown>;
}

async function health(service: TwitchTestApp): Promise<HealthReport> {
  return (await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport;
}

describe('Chat types: simulator → Twurple → SSE, exactly as Twitch sends them', () => {
  let service: TwitchTestApp;
  let client: SseTestClient | undefined;

  beforeAll(async () => {
    service = await startTwitchTestApp({
      EVENTSUB_EVENTS: ['channel.follow', ...CHAT_TYPES].join(','),
    });
  });

  afterEach(async () => client?.close());
  afterAll(async () => service?.close());

  it('subscribes to each chat type with the broadcaster as the reader, and streams each event unchanged', async () => {
    await eventually(async () => {
      const subscriptions = (await health(service)).eventsub?.subscriptions ?? [];
      return subscriptions.length === 6 && subscriptions.every((s) => s.status === 'enabled');
    }, 'six subscriptions enabled');
    const id = service.simulator.broadcaster.id;
    for (const type of CHAT_TYPES) {
      expect(service.simulator.subscriptions({ type })[0]?.condition).toEqual({
        broadcaster_user_id: id,
        user_id: id,
      });
    }
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    const sim = service.simulator;
    sim.user('mod_mia');
    const produced = [
      ...sim.trigger('channel.chat.message', { user: 'ann', message: 'hi @mod_mia Kappa Cheer10' })
        .events,
      ...sim.trigger('channel.chat.message', { user: 'eve', message: 'hey', source: 'pixelharbor' })
        .events,
      ...sim.trigger('channel.chat.message_delete').events,
      ...sim.trigger('channel.chat.clear_user_messages', { user: 'ann' }).events,
      ...sim.trigger('channel.chat.clear').events,
      ...sim.trigger('channel.chat.notification', { notice: 'resub', prime: true }).events,
      ...sim.trigger('channel.chat.notification', { notice: 'shared_chat_sub' }).events,
    ];
    const events = () =>
      client!.messages.map((m) => m.json as Message).filter((m) => m.type === 'event');
    await client.waitFor(() => events().length >= produced.length, 10_000, 'every chat event');
    expect(events()).toEqual(
      produced.map(({ type, event }) => ({
        type: 'event',
        event: type,
        data: event,
        sentAt: expect.any(String),
      })),
    );
  });
});

describe('Chat types with a token that lacks user:read:chat', () => {
  let service: TwitchTestApp;
  let client: SseTestClient | undefined;

  beforeAll(async () => {
    service = await startTwitchTestApp({
      EVENTSUB_EVENTS: ['channel.follow', ...CHAT_TYPES].join(','),
    });
  });

  afterEach(async () => client?.close());
  afterAll(async () => service?.close());

  it('names each chat type and the scope, and the other types still arrive', async () => {
    const minted = service.simulator.mintUserToken({
      scopes: ['moderator:read:followers', 'channel:read:subscriptions'],
    });
    await service.app.get(TwitchSession).signIn({
      accessToken: minted.accessToken,
      refreshToken: minted.refreshToken,
      scope: [...minted.scope],
      expiresIn: minted.expiresIn,
      obtainmentTimestamp: minted.obtainmentTimestamp,
    });
    await eventually(async () => {
      const subscriptions = (await health(service)).eventsub?.subscriptions ?? [];
      return (
        subscriptions.filter((s) => s.status === 'enabled').length === 1 &&
        subscriptions.filter((s) => s.status === 'missing_scope').length === CHAT_TYPES.length
      );
    }, 'the follow enabled and the five chat types missing their scope');
    const subscriptions = (await health(service)).eventsub?.subscriptions ?? [];
    for (const type of CHAT_TYPES) {
      const chat = subscriptions.find((s) => s.type === type);
      expect(chat?.status).toBe('missing_scope');
      expect(chat?.error).toContain('user:read:chat');
    }
    expect(service.simulator.subscriptions().map((s) => s.type)).toEqual(['channel.follow']);

    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    const [follow] = service.simulator.trigger('channel.follow', { user: 'still_works' }).events;
    await client.waitFor(
      (c) => c.messages.some((m) => (m.json as Message).event === 'channel.follow'),
      10_000,
      'the follow',
    );
    const followed = client.messages.map((m) => m.json as Message).find((m) => m.type === 'event');
    expect(followed?.data).toEqual(follow?.event);
  });
});
