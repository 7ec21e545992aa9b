import { EventBus } from '../../src/bus/event-bus.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const follow = (user: string): StreamMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_id: user, user_login: user, user_name: user, followed_at: '2026-11-26T17:00:00Z' },
});
const raid = (from: string, viewers: number): StreamMessage => ({
  type: 'event',
  event: 'channel.raid',
  data: { from_broadcaster_user_login: from, viewers },
});
const stats = (followers: number): StreamMessage => ({
  type: 'stats',
  data: { live: true, viewers: 10, followers, subs: 3 },
});

describe('GET /api/twitch/stream', () => {
  let service: TestApp;
  let bus: EventBus;
  let streamUrl: string;
  const clients: SseTestClient[] = [];

  async function connect(query = '', headers: Record<string, string> = {}): Promise<SseTestClient> {
    const client = await SseTestClient.connect(`${streamUrl}${query}`, headers);
    clients.push(client);
    return client;
  }

  async function sseClientCount(): Promise<number> {
    const health = (await (await fetch(`${service.baseUrl}/api/health`)).json()) as {
      sse: { clients: number };
    };
    return health.sse.clients;
  }

  beforeAll(async () => {
    service = await startTestApp({
      SSE_REPLAY_BUFFER_SIZE: '5',
      SSE_HEARTBEAT_SECONDS: '1',
      SSE_RETRY_MS: '2500',
    });
    bus = service.app.get(EventBus);
    streamUrl = `${service.baseUrl}/api/twitch/stream`;
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await service.close();
  });

  it('answers as an event stream that any origin may read', async () => {
    const client = await connect();
    expect(client.status).toBe(200);
    expect(client.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(client.headers['access-control-allow-origin']).toBe('*');
  });

  it('serves the path with a trailing slash (routed by Express, not ahead of it) the same way', async () => {
    const client = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream/?types=event&events=channel.raid`,
    );
    clients.push(client);
    expect(client.status).toBe(200);
    expect(client.headers['access-control-allow-origin']).toBe('*');
    bus.publish(follow('not-wanted'));
    const wanted = bus.publish(raid('wanted', 3));
    await client.waitForMessages(1);
    expect(client.messages.map((m) => Number(m.id))).toEqual([wanted.id]);
  });

  it('leaves other methods on the path to Express', async () => {
    const response = await fetch(streamUrl, { method: 'POST' });
    expect(response.status).toBe(404);
  });

  it('sends a retry hint and the current stats snapshot at once on connect', async () => {
    const published = bus.publish(stats(100));
    const client = await connect();
    const snapshots = bus.currentSnapshots().length;
    await client.waitForMessages(snapshots);
    expect(client.frames[0]?.retry).toBe(2500);
    // Every state the bus keeps (the labels and the subathon timer too), stats among them.
    expect(client.messages.map((m) => m.json)).toEqual(
      bus.currentSnapshots().map((published) => published.message),
    );
    const snapshot = client.messages.find((m) => (m.json as { type: string }).type === 'stats');
    expect(snapshot?.json).toEqual(stats(100));
    // The snapshot carries the cursor at connect time, so a resume starts from "now".
    expect(Number(snapshot?.id)).toBeGreaterThanOrEqual(published.id);
    expect(Number(snapshot?.id)).toBe(bus.lastId);
  });

  it('gives two clients the same messages with the same ids in the same order', async () => {
    const a = await connect('?types=event');
    const b = await connect('?types=event');
    const sent = [follow('ann'), raid('bob', 12), follow('cid')].map((message) =>
      bus.publish(message),
    );
    await Promise.all([a.waitForMessages(3), b.waitForMessages(3)]);
    expect(a.messages).toEqual(b.messages);
    expect(a.messages.map((m) => Number(m.id))).toEqual(sent.map((p) => p.id));
    expect(a.messages.map((m) => m.json)).toEqual(sent.map((p) => p.message));
    const ids = a.messages.map((m) => Number(m.id));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  });

  it('replays exactly what a client missed when it reconnects with Last-Event-ID', async () => {
    const first = await connect('?types=event');
    bus.publish(follow('seen-1'));
    bus.publish(follow('seen-2'));
    await first.waitForMessages(2);
    await first.close();
    const lastId = first.lastEventId as string;

    const missed = [follow('missed-1'), raid('missed-2', 5), follow('missed-3')].map((m) =>
      bus.publish(m),
    );
    const again = await connect('?types=event', { 'last-event-id': lastId });
    await again.waitForMessages(3);
    const live = bus.publish(follow('live-1'));
    await again.waitForMessages(4);

    expect(again.messages.map((m) => Number(m.id))).toEqual([...missed, live].map((p) => p.id));
    expect(again.messages.map((m) => (m.json as { data: { user_id?: string } }).data)).toEqual(
      [...missed, live].map((p) => (p.message as { data: unknown }).data),
    );
  });

  it('replays the same way from ?lastEventId= (a page that reloaded)', async () => {
    const before = bus.publish(follow('before'));
    const missed = [follow('after-1'), follow('after-2')].map((m) => bus.publish(m));
    const client = await connect(`?types=event&lastEventId=${before.id}`);
    await client.waitForMessages(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.messages.map((m) => Number(m.id))).toEqual(missed.map((p) => p.id));
  });

  it('sends nothing twice when the client is already up to date', async () => {
    bus.publish(stats(101));
    const lastId = bus.lastId;
    const client = await connect('', { 'last-event-id': String(lastId) });
    await client.waitFor((c) => c.frames.length >= 1, 5000, 'the retry hint');
    const live = bus.publish(follow('fresh'));
    await client.waitForMessages(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(client.messages.map((m) => Number(m.id))).toEqual([live.id]);
  });

  it('sends the stats that changed while the client was away, after the events it missed', async () => {
    const lastId = bus.publish(follow('x')).id;
    const missedEvent = bus.publish(follow('y'));
    bus.publish(stats(150));
    const client = await connect('', { 'last-event-id': String(lastId) });
    await client.waitForMessages(2);
    expect(client.messages[0]).toEqual({ id: String(missedEvent.id), json: missedEvent.message });
    expect(client.messages[1]?.json).toEqual(stats(150));
  });

  it('says the replay is incomplete when the id is older than the buffer, and sends the snapshot', async () => {
    const old = bus.publish(follow('old'));
    for (let i = 0; i < 6; i++) bus.publish(follow(`flood-${i}`)); // the buffer holds 5
    bus.publish(stats(200));
    const client = await connect('', { 'last-event-id': String(old.id) });
    await client.waitForMessages(1 + bus.currentSnapshots().length);
    const [status] = client.messages;
    const snapshot = client.messages.find((m) => (m.json as { type: string }).type === 'stats');
    expect(status?.json).toEqual({
      type: 'status',
      data: {
        replay: 'incomplete',
        requestedId: old.id,
        oldestBufferedId: bus.replayWindow.oldestId,
        latestId: bus.lastId,
      },
    });
    expect(snapshot?.json).toEqual(stats(200));
    expect(client.messages.some((m) => (m.json as { type: string }).type === 'event')).toBe(false);
  });

  it('says the replay is incomplete for an id this run never issued (an earlier run, or the future)', async () => {
    for (const id of [1, bus.lastId + 1000]) {
      const client = await connect('?types=status', { 'last-event-id': String(id) });
      await client.waitForMessages(1);
      expect(client.messages[0]?.json).toMatchObject({
        type: 'status',
        data: { replay: 'incomplete', requestedId: id },
      });
    }
  });

  it('treats a malformed id as no id: a normal stream, never an error', async () => {
    bus.publish(stats(300));
    for (const bad of ['abc', '-5', '1.5', '', '%00', '99999999999999999999999']) {
      const client = await connect(`?lastEventId=${encodeURIComponent(bad)}`, {
        'last-event-id': bad,
      });
      expect(client.status).toBe(200);
      await client.waitForMessages(bus.currentSnapshots().length);
      expect(client.messages.map((m) => m.json)).toContainEqual(stats(300));
      expect(client.messages.some((m) => JSON.stringify(m.json).includes('"replay"'))).toBe(false);
    }
  });

  it('filters by ?types= and ?events=', async () => {
    const alerts = await connect('?types=event&events=channel.raid');
    const numbers = await connect('?types=stats');
    await numbers.waitForMessages(1); // the snapshot
    bus.publish(follow('filtered-out'));
    const raidMessage = bus.publish(raid('raider', 40));
    const statsMessage = bus.publish(stats(400));
    await alerts.waitForMessages(1);
    await numbers.waitForMessages(2);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(alerts.messages.map((m) => m.json)).toEqual([raidMessage.message]);
    expect(numbers.messages.map((m) => m.json)).toEqual([stats(300), statsMessage.message]);
  });

  it.each([
    ['/api/twitch/stream', '?events=channel.folow', 'events=channel.folow'],
    [
      '/api/twitch/stream/',
      '?types=event&events=channel.follow,channel.folow',
      'events=channel.follow,channel.folow',
    ],
    ['/api/twitch/stream', '?events[]=channel.follow', 'events[]=channel.follow'],
  ])(
    'answers %s%s with 400 naming the unknown type, readable from any origin, as /api/events does',
    async (path, query, historyQuery) => {
      const response = await fetch(`${service.baseUrl}${path}${query}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      const body = (await response.json()) as { message: string; statusCode: number };
      expect(body.statusCode).toBe(400);
      const history = await fetch(`${service.baseUrl}/api/events?${historyQuery}`);
      expect(history.status).toBe(400);
      expect(body.message).toBe(((await history.json()) as { message: string }).message);
    },
  );

  it('says which message types it knows when ?types= names another', async () => {
    const response = await fetch(`${streamUrl}?types=stats,stat`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toBe(
      'types names a message type this service does not know: "stat". Send a comma-separated list of: stats, event, status, control, labels, subathon, credits.',
    );
  });

  it('sends comment heartbeats at the configured interval', async () => {
    const client = await connect();
    await client.waitFor(
      (c) => c.frames.filter((f) => f.comments.includes('ping')).length >= 2,
      10_000,
      'two heartbeats',
    );
  });

  it('releases everything a client held when it disconnects', async () => {
    // The server learns of a close asynchronously.
    const noClients = async () => (await sseClientCount()) === 0;
    await eventually(noClients, 'no clients before');
    const opened = await Promise.all([connect(), connect(), connect('?types=event')]);
    await expect(sseClientCount()).resolves.toBe(3);
    await Promise.all(opened.map((client) => client.close()));
    await eventually(noClients, 'every client released');
  });
});
