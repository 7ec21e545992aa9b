import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventHistoryResponse } from '../../src/alerts/alerts-api.js';
import { EventBus } from '../../src/bus/event-bus.js';
import type { EventMessage, TwitchEventType } from '../../src/contract/sse-contract.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const event = (type: TwitchEventType, name: string): EventMessage => ({
  type: 'event',
  event: type,
  data: { user_name: name },
});

describe('GET /api/events: the event history', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'twitch-realtime-history-'));
  let service: TestApp;
  /** Ids of what was published, oldest first. */
  const follows: number[] = [];
  const cheers: number[] = [];
  const all = () => [...follows, ...cheers].sort((a, b) => a - b);

  const start = () =>
    startTestApp({ EVENT_LOG: 'sqlite', DATA_DIR: dataDir, SSE_REPLAY_BUFFER_SIZE: '3' });
  const get = (query: string) => fetch(`${service.baseUrl}/api/events${query}`);
  const page = async (query: string): Promise<EventHistoryResponse> => {
    const response = await get(query);
    expect(response.status).toBe(200);
    return (await response.json()) as EventHistoryResponse;
  };
  const ids = (body: EventHistoryResponse) => body.events.map((logged) => logged.id);

  beforeAll(async () => {
    service = await start();
    const bus = service.app.get(EventBus);
    for (let n = 0; n < 12; n++) {
      const cheer = n % 4 === 3;
      const { id } = bus.publish(event(cheer ? 'channel.cheer' : 'channel.follow', `viewer${n}`));
      (cheer ? cheers : follows).push(id);
      bus.publish({ type: 'stats', data: { live: true, viewers: n, followers: n, subs: 0 } });
    }
    // The history is read from the log on disk, so a restart loses none of it.
    await service.close();
    service = await start();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('pages back from the newest events, after a restart, each event once, until nextCursor is null', async () => {
    const response = await get('?limit=5');
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    const first = (await response.json()) as EventHistoryResponse;
    expect(ids(first)).toEqual(all().slice(-5).reverse());
    expect(first.events[0]).toEqual({
      id: all().at(-1),
      message: event('channel.cheer', 'viewer11'),
    });
    expect(first).toMatchObject({
      nextCursor: all().at(-5),
      next: `/api/events?before=${all().at(-5)}&limit=5`,
      oldestId: all()[0],
    });
    expect(first.lastId).toBeGreaterThanOrEqual(all().at(-1)!);

    const second = await page(first.next!.slice('/api/events'.length));
    expect(ids(second)).toEqual(all().slice(-10, -5).reverse());
    const last = await page(`?before=${second.nextCursor}&limit=5`);
    expect(ids(last)).toEqual(all().slice(0, 2).reverse());
    expect(last).toMatchObject({ nextCursor: null, next: null });
  });

  it('pages forward from an id with after=, still listing each page newest first', async () => {
    const first = await page(`?after=${all()[2]}&limit=4`);
    expect(ids(first)).toEqual(all().slice(3, 7).reverse());
    expect(first.next).toBe(`/api/events?after=${all()[6]}&limit=4`);
    const bounded = await page(`?after=${all()[2]}&before=${all()[5]}`);
    expect(ids(bounded)).toEqual([all()[4], all()[3]]);
    expect(bounded.nextCursor).toBeNull();
    const caughtUp = await page(`?after=${all().at(-1)}`);
    expect(caughtUp).toMatchObject({ events: [], nextCursor: null });
  });

  it('filters by event type like the stream (events=a,b), through the cursor', async () => {
    const first = await page('?events=channel.cheer&limit=2');
    expect(ids(first)).toEqual(cheers.slice(-2).reverse());
    expect(first.next).toBe(`/api/events?before=${cheers.at(-2)}&events=channel.cheer&limit=2`);
    const rest = await page(first.next!.slice('/api/events'.length));
    expect(ids(rest)).toEqual([cheers[0]]);
    expect(rest.nextCursor).toBeNull();
    const both = await page('?events=channel.follow&events=channel.cheer&limit=50');
    expect(ids(both)).toEqual(all().reverse());
  });

  it.each([
    ['limit=0', /^limit must be a whole number from 1 to 500 \(default 50\); got "0"/],
    ['limit=501', /^limit must be a whole number from 1 to 500/],
    ['limit=ten', /^limit must be a whole number from 1 to 500 .*got "ten"/],
    ['limit=1&limit=2', /^limit must be a whole number/],
    ['before=abc', /^before must be one event id \(a whole number\), such as the nextCursor/],
    ['after=-5', /^after must be one event id/],
    ['before=99999999999999999999', /^before must be one event id/],
    [
      'events=channel.folow',
      /^events names an event type this service does not know: "channel\.folow"\. Send a comma-separated list of: channel\.follow, /,
    ],
    [
      'events=channel.cheer,channel.ban',
      /^events names an event type this service does not know: "channel\.ban"\. Send/,
    ],
    ['events=,', /^events names no event type \(got ","\)\. Send a comma-separated list of: /],
    [
      'events[]=channel.cheer',
      /^events\[\] is not a parameter this service reads: send events once, as a comma-separated list \(events=a,b\)\./,
    ],
    ['events[0]=channel.cheer&events[1]=channel.follow', /^events\[0\] is not a parameter/],
    ['limit[]=5', /^limit\[\] is not a parameter/],
  ])('answers 400 naming the parameter and what to send for ?%s', async (query, message) => {
    const response = await get(`?${query}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { message: string };
    expect(body.message).toMatch(message);
  });

  it('keeps GET /api/events/recent (oldest first) for older pages and widgets', async () => {
    const response = await get('/recent?limit=2');
    const body = (await response.json()) as { events: { id: number }[] };
    expect(body.events.map((logged) => logged.id)).toEqual(all().slice(-2));
  });
});
