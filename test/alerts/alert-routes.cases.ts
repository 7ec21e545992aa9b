import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import { EventBus } from '../../src/bus/event-bus.js';
import {
  TWITCH_EVENT_TYPES,
  type EventMessage,
  type StreamMessage,
} from '../../src/contract/sse-contract.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

const follow = (name: string): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_name: name },
});

describe('alert routes', () => {
  let service: TestApp;
  let bus: EventBus;
  const clients: SseTestClient[] = [];

  const post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${service.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  async function listen(query = ''): Promise<SseTestClient> {
    const client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream${query}`);
    clients.push(client);
    return client;
  }

  /** The JSON messages a client got after connecting, without the state snapshots. */
  const received = (client: SseTestClient) =>
    client.messages.map((m) => m.json as StreamMessage).filter((m) => m.type !== 'stats');

  beforeAll(async () => {
    service = await startTestApp({ SSE_REPLAY_BUFFER_SIZE: '5' });
    bus = service.app.get(EventBus);
  });

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await service.close();
  });

  describe('POST /api/admin/test-events', () => {
    it('publishes a Twitch-shaped test event for each event type, marked "test": true', async () => {
      const client = await listen('?types=event');
      for (const event of TWITCH_EVENT_TYPES) {
        const response = await post('/api/admin/test-events', { event });
        expect(response.status).toBe(201);
        const body = (await response.json()) as { id: number; event: string };
        expect(body).toMatchObject({ id: expect.any(Number), event });
      }
      await client.waitForMessages(TWITCH_EVENT_TYPES.length);
      const events = received(client) as EventMessage[];
      expect(events.map((m) => m.event)).toEqual([...TWITCH_EVENT_TYPES]);
      for (const message of events) {
        expect(message).toMatchObject({ type: 'event', test: true, sentAt: expect.any(String) });
        expect(Object.keys(message.data).every((key) => /^[a-z_]+$/.test(key))).toBe(true);
      }
    });

    it('puts the given fields over the sample', async () => {
      const response = await post('/api/admin/test-events', {
        event: 'channel.cheer',
        data: { bits: 5000 },
      });
      const { id } = (await response.json()) as { id: number };
      expect(bus.bufferedEvent(id)?.message).toMatchObject({ data: { bits: 5000 }, test: true });
    });

    it.each([
      [{}, /"event" must be one of channel.follow, .*channel.chat.notification; got nothing/],
      [{ event: 'channel.ban' }, /"event" must be one of .*; got "channel.ban"/],
      [{ event: 'channel.follow', data: [1] }, /"data", when given, must be an object/],
      [
        { event: 'channel.cheer', data: { bits: -1 } },
        /"data.bits" must be a whole number of at least 1; got -1/,
      ],
      [
        { event: 'channel.cheer', data: { bits: 1.5 } },
        /"data.bits" must be a whole number of at least 1; got 1.5/,
      ],
      [{ event: 'channel.raid', data: { viewers: '10' } }, /"data.viewers" must be a whole number/],
      [
        { event: 'channel.subscribe', data: { tier: '4000' } },
        /"data.tier" must be one of "1000", "2000", "3000"/,
      ],
      [
        { event: 'channel.cheer', data: { is_anonymous: 'yes' } },
        /"data.is_anonymous" must be true or false/,
      ],
      [
        { event: 'channel.follow', data: { user_name: { first: 'A' } } },
        /"data.user_name" must be a string, a number, true\/false or null/,
      ],
    ])('refuses %j with 400 and says what to send', async (body, message) => {
      const response = await post('/api/admin/test-events', body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { message: string }).message).toMatch(message);
    });
  });

  it('refuses a 5,000-deep nested body with a 400 that names the field, and keeps serving', async () => {
    // Sent as text: JSON.stringify of it would overflow the stack here, as it did in the service.
    const deep = '{"a":'.repeat(5000) + '1' + '}'.repeat(5000);
    const response = await fetch(`${service.baseUrl}/api/admin/test-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: `{"event":"channel.follow","data":{"user_name":${deep}}}`,
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toMatch(/"data.user_name"/);
    expect((await post('/api/admin/alerts/skip')).status).toBe(200);
  });

  describe('POST /api/admin/alerts/pause|resume|skip', () => {
    it('sends control messages; a client that connects later is told that alerts are paused', async () => {
      const client = await listen('?types=control');
      for (const action of ['pause', 'skip']) {
        const response = await post(`/api/admin/alerts/${action}`);
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ action, id: expect.any(Number) });
      }
      const later = await listen('?types=control');
      await later.waitForMessages(1);
      expect(received(later)).toEqual([{ type: 'control', data: { action: 'pause' } }]);

      await post('/api/admin/alerts/resume');
      await client.waitForMessages(3);
      expect(received(client).map((m) => (m as { data: { action: string } }).data.action)).toEqual([
        'pause',
        'skip',
        'resume',
      ]);
    });
  });

  describe('POST /api/admin/events/:id/replay', () => {
    it('publishes the buffered event again with replayOf, also when replaying a replay', async () => {
      const original = bus.publish(follow('Ann'));
      const first = (await (await post(`/api/admin/events/${original.id}/replay`)).json()) as {
        id: number;
        replayOf: number;
      };
      expect(first.replayOf).toBe(original.id);
      expect(bus.bufferedEvent(first.id)?.message).toMatchObject({
        ...follow('Ann'),
        replayOf: original.id,
        sentAt: expect.any(String),
      });
      const second = (await (await post(`/api/admin/events/${first.id}/replay`)).json()) as {
        replayOf: number;
      };
      expect(second.replayOf).toBe(original.id);
    });

    it('answers 404 with a clear message once the event left the buffer', async () => {
      const old = bus.publish(follow('Gone'));
      for (let i = 0; i < 5; i++) bus.publish(follow(`Newer${i}`));
      const response = await post(`/api/admin/events/${old.id}/replay`);
      expect(response.status).toBe(404);
      expect(((await response.json()) as { message: string }).message).toBe(
        `Event ${old.id} is no longer in the replay buffer (it keeps the last 5 events; SSE_REPLAY_BUFFER_SIZE), so it cannot be replayed.`,
      );
    });

    it('answers 400 for an id that is not a number', async () => {
      const response = await post('/api/admin/events/abc/replay');
      expect(response.status).toBe(400);
    });
  });

  describe('GET /api/events/recent', () => {
    it('returns the newest buffered events, oldest first, with their ids', async () => {
      const ids = ['A', 'B', 'C'].map((name) => bus.publish(follow(name)).id);
      const response = await fetch(`${service.baseUrl}/api/events/recent?limit=2`);
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
      const body = (await response.json()) as {
        events: Array<{ id: number; message: EventMessage }>;
        lastId: number;
        capacity: number;
      };
      expect(body.events).toEqual([
        { id: ids[1], message: follow('B') },
        { id: ids[2], message: follow('C') },
      ]);
      expect(body).toMatchObject({ lastId: bus.lastId, capacity: 5 });
    });

    it('returns at most the buffer, and refuses a limit that is not a positive number', async () => {
      const all = (await (
        await fetch(`${service.baseUrl}/api/events/recent?limit=500`)
      ).json()) as {
        events: unknown[];
      };
      expect(all.events).toHaveLength(5);
      const bad = await fetch(`${service.baseUrl}/api/events/recent?limit=0`);
      expect(bad.status).toBe(400);
    });

    it.each(['501', '100000', '1e5'])(
      'refuses ?limit=%s as GET /api/events does: at most 500, and says where older events are',
      async (limit) => {
        const response = await fetch(`${service.baseUrl}/api/events/recent?limit=${limit}`);
        expect(response.status).toBe(400);
        expect(((await response.json()) as { message: string }).message).toBe(
          'limit must be a whole number from 1 to 500 (default 50); for older events page back with GET /api/events?before=<id>.',
        );
      },
    );
  });

  describe('with ADMIN_TOKEN set', () => {
    let guarded: TestApp;

    beforeAll(async () => {
      guarded = await startTestApp({ ADMIN_TOKEN: 'correct-horse-battery' });
    });

    afterAll(async () => {
      await guarded.close();
    });

    it('refuses admin routes without the token and accepts them with it', async () => {
      const url = `${guarded.baseUrl}/api/admin/alerts/skip`;
      expect((await fetch(url, { method: 'POST' })).status).toBe(401);
      const ok = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer correct-horse-battery' },
      });
      expect(ok.status).toBe(200);
      const settings = await (await fetch(`${guarded.baseUrl}/api/dashboard/settings`)).json();
      expect(settings).toEqual({ adminTokenRequired: true, mode: 'demo' });
    });

    it('refuses a request from another site, even with the token', async () => {
      const response = await fetch(`${guarded.baseUrl}/api/admin/test-events`, {
        method: 'POST',
        headers: {
          authorization: 'Bearer correct-horse-battery',
          origin: 'https://evil.example',
          'content-type': 'application/json',
        },
        body: JSON.stringify({ event: 'channel.follow' }),
      });
      expect(response.status).toBe(403);
    });
  });
});

describe('test alerts in demo mode (through the simulator and EventSub)', () => {
  let service: TwitchTestApp;

  beforeAll(async () => {
    service = await startTwitchTestApp();
    await eventually(
      () =>
        service.simulator.subscriptions().filter((s) => s.status === 'enabled').length ===
        DEFAULT_EVENT_TYPES.length,
      'EventSub subscribed',
    );
  });

  afterAll(async () => {
    await service?.close();
  });

  it('answers with the event object clients got', async () => {
    const client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    try {
      const response = await fetch(`${service.baseUrl}/api/admin/test-events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'channel.cheer', data: { bits: 250, message: 'Cheer250' } }),
      });
      expect(response.status).toBe(201);
      const body = (await response.json()) as { data: Record<string, unknown> };
      await client.waitForMessages(1);
      const [sent] = client.messages.map((m) => m.json as EventMessage);
      expect(sent?.data).toEqual(body.data);
      expect(body.data).toMatchObject({ bits: 250, message: 'Cheer250' });
    } finally {
      await client.close();
    }
  });
});
