import type { EventMessage, RecoveryReport } from '../../src/contract/sse-contract.js';
import { GapRecovery } from '../../src/recovery/gap-recovery.js';
import { eventSubReceiving, untilEventSubReceiving } from '../support/eventsub-health.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

/**
 * Helix keeps no chat history: what was said, deleted or cleared while EventSub was away is gone.
 * The recovery says so, and puts nothing in its place.
 */
describe('chat in an EventSub gap: said missing, never made up', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;
  const events = () =>
    client.messages.map((m) => m.json as EventMessage).filter((m) => m.type === 'event');
  const reports = () =>
    client.messages
      .map((m) => m.json as { type: string; data: { recovery?: RecoveryReport } })
      .filter((m) => m.type === 'status' && m.data.recovery)
      .map((m) => m.data.recovery as RecoveryReport);

  beforeAll(async () => {
    service = await startTwitchTestApp({
      EVENTSUB_EVENTS: [
        'channel.follow',
        'channel.chat.message',
        'channel.chat.message_delete',
        'channel.chat.notification',
      ].join(','),
    });
    await untilEventSubReceiving(service);
    await service.app.get(GapRecovery).settled();
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event,status`);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
  });

  it('names chat among what could not be recovered, and publishes no chat of the gap', async () => {
    const sim = service.simulator;
    sim.trigger('channel.chat.message', { user: 'before_gap', message: 'hello' });
    await client.waitFor(
      () => events().some((e) => e.data.chatter_user_login === 'before_gap'),
      10_000,
      'the chat message before the gap',
    );
    sim.startOutage(120);
    await eventually(
      async () => !(await eventSubReceiving(service)),
      'EventSub noticing the outage',
    );
    sim.trigger('channel.chat.message', { user: 'in_gap', message: 'lost words' });
    sim.trigger('channel.chat.message_delete');
    sim.trigger('channel.chat.notification', { notice: 'announcement', message: 'lost news' });
    sim.trigger('channel.follow', { user: 'gap_follower' });
    expect(sim.endOutage()).toBe(true);

    await client.waitFor(
      () => reports().some((report) => report.state === 'done'),
      30_000,
      'the recovery report',
    );
    const done = reports().find((report) => report.state === 'done')!;
    const missing = done.missing.join(' ');
    expect(missing).toMatch(
      /chat messages \(channel\.chat\.message: Twitch keeps no chat history\)/,
    );
    expect(missing).toMatch(/deleted chat messages \(channel\.chat\.message_delete/);
    expect(missing).toMatch(/chat notices/);
    expect(done.recovered).toEqual({ 'channel.follow': 1 });
    // The follow came back through Helix; of the chat, nothing at all.
    const chat = events().filter((e) => e.event.startsWith('channel.chat.'));
    expect(chat.map((e) => e.data.chatter_user_login)).toEqual(['before_gap']);
    expect(
      events()
        .filter((e) => e.recovered)
        .map((e) => e.event),
    ).toEqual(['channel.follow']);
  });
});
