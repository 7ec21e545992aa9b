import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import type { TwitchEventType } from '../../src/contract/twitch-events.js';
import { LogCapture } from '../support/log-capture.js';
import { SseTestClient } from '../support/sse-client.js';
import { eventually } from '../support/eventually.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

interface EventJson {
  type: 'event';
  event: TwitchEventType;
  data: Record<string, unknown>;
}

/**
 * Twitch delivers at least once, and has been seen to resend an event under a new message_id; but
 * cheer spam, several anonymous cheerers and repeated anonymous gift bombs are real, distinct,
 * paid events. Only a true repeat may be dropped.
 */
describe('EventSub de-duplication: repeats are dropped, real look-alike events are not', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;
  let logs: LogCapture;

  const events = (): EventJson[] =>
    client.messages.map((m) => m.json as EventJson).filter((m) => m.type === 'event');
  const ofType = (type: TwitchEventType) => events().filter((e) => e.event === type);
  const marker = async (login: string) => {
    service.simulator.trigger('channel.follow', { user: login });
    await client.waitFor(
      () => events().some((e) => e.data.user_login === login),
      10_000,
      `the marker follow ${login}`,
    );
  };
  const duplicateCounts = async (): Promise<Record<string, number>> => {
    const text = await (await fetch(`${service.baseUrl}/metrics`)).text();
    const counts: Record<string, number> = {};
    for (const match of text.matchAll(
      /^twitch_realtime_eventsub_duplicates_dropped_total\{event="([^"]+)",reason="([^"]+)"\} (\d+)$/gm,
    ))
      counts[`${match[1]} ${match[2]}`] = Number(match[3]);
    return counts;
  };

  beforeAll(async () => {
    // Debug level: every dropped repeat is logged there with both message ids.
    logs = new LogCapture().start();
    service = await startTwitchTestApp({ LOG_LEVEL: 'debug' });
    await eventually(
      async () =>
        service.simulator.subscriptions().filter((s) => s.status === 'enabled').length ===
        DEFAULT_EVENT_TYPES.length,
      'every default subscription enabled',
    );
  });

  beforeEach(async () => {
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
  });

  afterEach(async () => {
    await client.close();
  });

  afterAll(async () => {
    logs?.stop();
    await service?.close();
  });

  it('delivers every one of six look-alike cheers and gift bombs (each its own message_id)', async () => {
    const cheer = (options: Record<string, unknown>) =>
      service.simulator
        .trigger('channel.cheer', options)
        .events.filter((produced) => produced.type === 'channel.cheer');
    const gift = () =>
      service.simulator
        .trigger('channel.subscription.gift', { anonymous: true, total: 5 })
        .events.filter((e) => e.type === 'channel.subscription.gift');
    const produced = [
      ...cheer({ anonymous: true, bits: 100, message: 'Cheer100' }),
      ...cheer({ anonymous: true, bits: 100, message: 'Cheer100' }),
      ...gift(),
      ...gift(),
      ...cheer({ user: 'carol', bits: 100, message: 'Cheer100 hype' }),
      ...cheer({ user: 'carol', bits: 100, message: 'Cheer100 hype' }),
    ];
    expect(produced).toHaveLength(6);
    await marker('after_lookalikes');

    expect(ofType('channel.cheer').map((e) => e.data)).toEqual(
      produced.filter((p) => p.type === 'channel.cheer').map((p) => p.event),
    );
    expect(ofType('channel.cheer')).toHaveLength(4);
    expect(ofType('channel.subscription.gift')).toHaveLength(2);
    expect(ofType('channel.subscription.gift').every((e) => e.data.is_anonymous === true)).toBe(
      true,
    );
    // Each gift bomb's five gifted subs arrive too: ten in all.
    expect(ofType('channel.subscribe')).toHaveLength(10);
    const counts = await duplicateCounts();
    expect(counts['channel.cheer event_identity'] ?? 0).toBe(0);
    expect(counts['channel.subscription.gift event_identity'] ?? 0).toBe(0);
  });

  it('drops a redelivery with the same message_id, counts it and logs its id', async () => {
    const before = await duplicateCounts();
    const [cheer] = service.simulator.trigger('channel.cheer', {
      user: 'redelivered',
      bits: 300,
    }).events;
    expect(service.simulator.redeliverLastNotification()).toBe(true);
    await marker('after_redelivery');
    expect(ofType('channel.cheer').map((e) => e.data)).toEqual([cheer?.event]);

    const after = await duplicateCounts();
    expect(after['channel.cheer message_id']).toBe((before['channel.cheer message_id'] ?? 0) + 1);
    expect(logs.output).toMatch(
      /Dropped a repeated channel\.cheer notification \(message_id\): message_id [\w-]+/,
    );
  });

  it('drops a follow and a stream.online resent under a new message_id, logging both ids', async () => {
    const before = await duplicateCounts();
    service.simulator.trigger('channel.follow', { user: 'refollowed', duplicate: 'new-id' });
    service.simulator.trigger('stream.online', { duplicate: 'new-id' });
    await marker('after_new_ids');

    expect(ofType('channel.follow').map((e) => e.data.user_login)).toEqual([
      'refollowed',
      'after_new_ids',
    ]);
    expect(ofType('stream.online')).toHaveLength(1);
    const after = await duplicateCounts();
    for (const type of ['channel.follow', 'stream.online'])
      expect(after[`${type} event_identity`]).toBe((before[`${type} event_identity`] ?? 0) + 1);
    const logged = [
      ...logs.output.matchAll(
        /Dropped a repeated stream\.online notification \(event_identity\): message_id ([\w-]+), first published as ([\w-]+)/g,
      ),
    ];
    expect(logged).toHaveLength(1);
    expect(logged[0]?.[1]).not.toBe(logged[0]?.[2]);
  });
});
