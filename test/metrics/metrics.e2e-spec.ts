import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import { EventSubConnection } from '../../src/eventsub/eventsub-connection.js';
import { StatsPoller } from '../../src/stats/stats-poller.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp } from '../support/test-app.js';
import { eventually } from '../support/eventually.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

/** `name{labels} value` lines of a Prometheus text exposition, as a map. */
function parse(text: string): Map<string, number> {
  const values = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    values.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return values;
}

async function scrape(baseUrl: string): Promise<Map<string, number>> {
  return parse(await (await fetch(`${baseUrl}/metrics`)).text());
}

describe('GET /metrics, with the Twitch side running against the simulator', () => {
  let service: TwitchTestApp;

  beforeAll(async () => {
    service = await startTwitchTestApp({ STATS_POLL_INTERVAL: '10' });
    const eventSub = service.app.get(EventSubConnection);
    const poller = service.app.get(StatsPoller);
    await eventually(
      () =>
        eventSub.status.subscriptions?.every((s) => s.status === 'enabled') === true &&
        poller.status.polls >= 1,
      'EventSub subscribed and a first poll',
    );
  });

  afterAll(async () => {
    await service?.close();
  });

  it('answers in the Prometheus text format', async () => {
    const response = await fetch(`${service.baseUrl}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(text).toMatch(/^# HELP twitch_realtime_sse_clients /m);
    expect(text).toMatch(/^# TYPE twitch_realtime_sse_clients gauge$/m);
    // Node's own process metrics come along.
    expect(parse(text).get('process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('counts clients, messages by type, and times delivery and ingest of a triggered event', async () => {
    const before = await scrape(service.baseUrl);
    const client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    service.simulator.trigger('channel.cheer', { user: 'metrics_fan', bits: 42 });
    await client.waitForMessages(1);

    const after = await scrape(service.baseUrl);
    expect(after.get('twitch_realtime_sse_clients')).toBe(1);
    const events = 'twitch_realtime_bus_messages_published_total{type="event"}';
    expect(after.get(events)).toBe((before.get(events) ?? 0) + 1);
    const ingest = 'twitch_realtime_ingest_latency_seconds_count';
    expect(after.get(ingest)).toBe((before.get(ingest) ?? 0) + 1);
    expect(after.get('twitch_realtime_ingest_latency_seconds_sum')).toBeGreaterThan(0);
    const lag = 'twitch_realtime_sse_delivery_lag_seconds_count';
    expect(after.get(lag)).toBeGreaterThan(before.get(lag) ?? 0);
    await client.close();
  });

  it('shows the EventSub state and subscriptions', async () => {
    const metrics = await scrape(service.baseUrl);
    expect(metrics.get('twitch_realtime_eventsub_state{state="connected"}')).toBe(1);
    expect(metrics.get('twitch_realtime_eventsub_state{state="down"}')).toBe(0);
    expect(metrics.get('twitch_realtime_eventsub_subscriptions{status="enabled"}')).toBe(
      DEFAULT_EVENT_TYPES.length,
    );
    expect(metrics.get('twitch_realtime_eventsub_reconnects_total')).toBe(0);
  });

  it('counts Helix requests and shows the rate limit and the last poll', async () => {
    const metrics = await scrape(service.baseUrl);
    for (const endpoint of ['streams', 'channels/followers', 'subscriptions']) {
      expect(
        metrics.get(`twitch_realtime_helix_requests_total{endpoint="${endpoint}",status="200"}`),
      ).toBeGreaterThanOrEqual(1);
    }
    expect(metrics.get('twitch_realtime_helix_ratelimit_limit')).toBe(800);
    expect(metrics.get('twitch_realtime_helix_ratelimit_remaining')).toBeLessThan(800);
    expect(metrics.get('twitch_realtime_stats_polls_total')).toBeGreaterThanOrEqual(1);
    expect(metrics.get('twitch_realtime_stats_poll_ok')).toBe(1);
    expect(metrics.get('twitch_realtime_stats_poll_duration_seconds')).toBeGreaterThan(0);
  });
});

describe('GET /metrics, configured', () => {
  it('is served before Twitch is connected, saying EventSub is still starting and no poll has run', async () => {
    const service = await startTestApp();
    try {
      const metrics = await scrape(service.baseUrl);
      expect(metrics.get('twitch_realtime_sse_clients')).toBe(0);
      expect(metrics.get('twitch_realtime_eventsub_state{state="starting"}')).toBe(1);
      expect(metrics.get('twitch_realtime_eventsub_state{state="connected"}')).toBe(0);
      expect(metrics.get('twitch_realtime_stats_polls_total')).toBe(0);
      expect(metrics.get('twitch_realtime_stats_poll_ok')).toBe(0);
    } finally {
      await service.close();
    }
  });

  it('is not served with METRICS_ENABLED=false', async () => {
    const service = await startTestApp({ METRICS_ENABLED: 'false' });
    try {
      expect((await fetch(`${service.baseUrl}/metrics`)).status).toBe(404);
    } finally {
      await service.close();
    }
  });
});
