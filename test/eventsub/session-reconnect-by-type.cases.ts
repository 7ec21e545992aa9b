/**
 * Every EventSub type added for the whole alert surface (Bits uses, ad breaks, shoutouts, charity)
 * across a `session_reconnect`: each notification Twitch sends before, during (on the old socket,
 * before the new session's welcome) and after arrives on the stream exactly once, in order, with
 * the event object exactly as sent. The seed's types and resubs have their own tests of this.
 */
import type { TwitchEventType } from '../../src/contract/twitch-events.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

type Trigger = Parameters<TwitchTestApp['simulator']['trigger']>;

/** What the simulator is asked to do in each phase: every kind of Bits use, an ad break, shoutouts. */
const HAPPENINGS: Trigger[] = [
  ['channel.bits.use', { bits: 100 }],
  ['channel.bits.use', { bitsType: 'power_up' }],
  ['channel.bits.use', { bitsType: 'combo' }],
  ['channel.ad_break.begin', { seconds: 30 }],
  ['channel.shoutout.create'],
  ['channel.shoutout.receive'],
];

const TYPES: TwitchEventType[] = [
  'channel.bits.use',
  'channel.ad_break.begin',
  'channel.shoutout.create',
  'channel.shoutout.receive',
  'channel.charity_campaign.start',
  'channel.charity_campaign.donate',
  'channel.charity_campaign.progress',
  'channel.charity_campaign.stop',
];

interface Sent {
  type: string;
  event: Record<string, unknown>;
}

describe('Each new EventSub type across a session_reconnect', () => {
  let service: TwitchTestApp;
  let client: SseTestClient;

  const eventsub = async () =>
    ((await (await fetch(`${service.baseUrl}/api/health`)).json()) as HealthReport).eventsub;

  beforeAll(async () => {
    service = await startTwitchTestApp({ EVENTSUB_EVENTS: TYPES.join(',') });
    await eventually(async () => {
      const health = await eventsub();
      const subscriptions = health?.subscriptions ?? [];
      return (
        health?.state === 'connected' &&
        subscriptions.length === TYPES.length &&
        subscriptions.every((s) => s.status === 'enabled')
      );
    }, `EventSub connected with ${TYPES.length} subscriptions enabled`);
  });

  afterAll(async () => {
    await client?.close();
    await service?.close();
  });

  it('delivers every notification sent before, during and after the reconnect once, in order, as sent', async () => {
    client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    const sent: Sent[] = [];
    const ours = service.simulator.channel().broadcasterId;
    const send = (...trigger: Trigger) => {
      const result = service.simulator.trigger(...trigger);
      expect(result.outage).toBe(false);
      // Keep what reaches us: a cheer is a channel.cheer too (not subscribed), and a shoutout is
      // also a channel.shoutout.receive (or .create) on the other broadcaster's channel.
      for (const { type, event } of result.events) {
        if ((TYPES as string[]).includes(type) && event.broadcaster_user_id === ours) {
          sent.push({ type, event });
        }
      }
    };
    /** One of each type; a charity campaign's life is spread over the three phases. */
    const phase = (charity: Trigger[]) => {
      for (const trigger of HAPPENINGS) send(...trigger);
      for (const trigger of charity) send(...trigger);
    };

    // Ad breaks and shoutouts happen on a live stream (stream.online is not subscribed here).
    service.simulator.trigger('stream.online');
    const before = await eventsub();
    phase([['channel.charity_campaign.start']]);
    expect(service.simulator.requestReconnect()).toBe(1);
    phase([
      ['channel.charity_campaign.donate', { amount: 500 }],
      ['channel.charity_campaign.progress'],
    ]);
    await eventually(async () => {
      const now = await eventsub();
      return now?.state === 'connected' && !!now.sessionId && now.sessionId !== before?.sessionId;
    }, 'the new session');
    phase([
      ['channel.charity_campaign.donate', { amount: 700 }],
      ['channel.charity_campaign.stop'],
    ]);

    // Every type was sent in each phase it could be (a campaign starts and stops once).
    for (const type of TYPES) expect(sent.some((s) => s.type === type)).toBe(true);
    await client.waitFor(
      (c) => c.messages.length >= sent.length,
      10_000,
      `${sent.length} notifications`,
    );
    // Anything sent twice would arrive right behind the rest: give it the time to.
    const settled = client.messages.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.messages.length).toBe(settled);

    const received = client.messages.map((m) => m.json as { event: string; data: unknown });
    expect(received.map(({ event, data }) => ({ type: event, event: data }))).toEqual(sent);
    for (const type of TYPES) {
      const count = sent.filter((s) => s.type === type).length;
      expect([type, received.filter((m) => m.event === type).length]).toEqual([type, count]);
    }
  });
});
