import type { EventHistoryResponse, RecentEventsResponse } from '../../src/alerts/alerts-api.js';
import { EventBus } from '../../src/bus/event-bus.js';
import type { EventMessage } from '../../src/contract/sse-contract.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** A follow of about 400 bytes, so 500 of them make an answer of several slices. */
const follow = (n: number): EventMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_name: `viewer${n}-${'x'.repeat(360)}` },
});

describe('GET /api/events and /api/events/recent: the largest answers, written a slice at a time', () => {
  let service: TestApp;
  const published: { id: number; message: EventMessage }[] = [];

  beforeAll(async () => {
    service = await startTestApp({ SSE_REPLAY_BUFFER_SIZE: '1000' });
    const bus = service.app.get(EventBus);
    for (let n = 0; n < 700; n++) {
      const message = follow(n);
      published.push({ id: bus.publish(message).id, message });
    }
  });

  afterAll(async () => {
    await service?.close();
  });

  it('gives the newest 500 events, oldest first, each whole and once, for ?limit=500', async () => {
    const response = await fetch(`${service.baseUrl}/api/events/recent?limit=500`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const text = await response.text();
    expect(text.length).toBeGreaterThan(3 * 64 * 1024);
    const body = JSON.parse(text) as RecentEventsResponse;
    expect(body).toEqual({
      events: published.slice(-500),
      lastId: published.at(-1)!.id,
      capacity: 1000,
    });
  });

  it('pages the same events newest first through GET /api/events?limit=500', async () => {
    const response = await fetch(`${service.baseUrl}/api/events?limit=500`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as EventHistoryResponse;
    expect(body.events).toEqual(published.slice(-500).reverse());
    expect(body.nextCursor).toBe(published.at(-500)!.id);
    expect(body.next).toBe(`/api/events?before=${published.at(-500)!.id}&limit=500`);
    const rest = (await (
      await fetch(`${service.baseUrl}${body.next}`)
    ).json()) as EventHistoryResponse;
    expect(rest.events).toEqual(published.slice(0, 200).reverse());
    expect(rest.nextCursor).toBeNull();
  });

  it('answers an empty list as JSON too', async () => {
    const body = (await (
      await fetch(`${service.baseUrl}/api/events?after=${published.at(-1)!.id}`)
    ).json()) as EventHistoryResponse;
    expect(body).toMatchObject({ events: [], nextCursor: null, next: null });
  });
});
