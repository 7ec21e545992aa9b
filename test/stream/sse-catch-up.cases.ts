import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../src/bus/event-bus.js';
import { REPLAY_PAGE_EVENTS } from '../../src/stream/replay-pages.js';
import { SseClientStreams } from '../../src/stream/sse-client-streams.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { follow, raid, stats } from './numbered-messages.js';

/** The frames of an SSE body: each one's id (or null) and data (or null). */
function framesOf(body: string): { id: number | null; data: unknown }[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim() !== '' && !block.trim().startsWith(':'))
    .map((block) => {
      const id = /(?:^|\n)id: (\d+)/.exec(block)?.[1];
      const data = /(?:^|\n)data: (.*)/.exec(block)?.[1];
      return { id: id ? Number(id) : null, data: data ? JSON.parse(data) : null };
    });
}

describe('a catch-up request (?catchUp=1): the opening alone, then the answer ends', () => {
  let service: TestApp;
  let bus: EventBus;
  let streamUrl: string;

  beforeAll(async () => {
    service = await startTestApp({ SSE_REPLAY_BUFFER_SIZE: '5' });
    bus = service.app.get(EventBus);
    streamUrl = `${service.baseUrl}/api/twitch/stream`;
  });

  afterAll(async () => {
    await service.close();
  });

  async function catchUp(query: string): Promise<{ id: number | null; data: unknown }[]> {
    const response = await fetch(`${streamUrl}?catchUp=1&${query}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    return framesOf(await response.text());
  }

  it('gives the events missed that pass the filter, then an id-only frame at the current position', async () => {
    const seen = bus.publish(follow(1));
    const missedRaid = bus.publish(raid(1));
    bus.publish(follow(2));
    const last = bus.publish(follow(3));
    const frames = await catchUp(`events=channel.raid&types=event&lastEventId=${seen.id}`);
    const withData = frames.filter((frame) => frame.data !== null);
    expect(withData.map((frame) => frame.id)).toEqual([missedRaid.id]);
    // The last frame says where the server was: what follows it comes from the shared stream.
    expect(frames.at(-1)).toEqual({ id: last.id, data: null });
  });

  it('without a resume point gives the current state under the current id, and the position', async () => {
    bus.publish(stats(77));
    const last = bus.publish(follow(4));
    const frames = await catchUp('types=stats');
    expect(frames.filter((frame) => frame.data !== null)).toEqual([
      {
        id: last.id,
        data: expect.objectContaining({
          type: 'stats',
          data: expect.objectContaining({ followers: 77 }),
        }),
      },
    ]);
    expect(frames.at(-1)).toEqual({ id: last.id, data: null });
  });

  it('says the replay is incomplete when a wanted event fell out of the log, and still ends at the position', async () => {
    const seen = bus.publish(raid(2));
    bus.publish(raid(3)); // about to fall out of a log of 5
    for (let n = 0; n < 6; n++) bus.publish(follow(10 + n));
    const frames = await catchUp(`events=channel.raid&lastEventId=${seen.id}`);
    expect(
      frames.some(
        (frame) =>
          (frame.data as { data?: { replay?: string } } | null)?.data?.replay === 'incomplete',
      ),
    ).toBe(true);
    expect(frames.at(-1)).toEqual({ id: bus.lastId, data: null });
  });

  it('is not a stream client: never counted, and gets no live message', async () => {
    const streams = service.app.get(SseClientStreams);
    const before = streams.clientCount;
    const answers = await Promise.all([1, 2, 3].map(() => catchUp('types=event')));
    bus.publish(follow(99));
    expect(answers.every((frames) => frames.at(-1)?.data === null)).toBe(true);
    expect(streams.clientCount).toBe(before);
  });
});

describe('a catch-up far back, over several pages of the log on disk', () => {
  it('gives every missed event once, in order, then the position, and ends', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'twitch-realtime-catch-up-'));
    const service = await startTestApp({
      EVENT_LOG: 'sqlite',
      DATA_DIR: dataDir,
      SSE_REPLAY_BUFFER_SIZE: '100',
    });
    try {
      const bus = service.app.get(EventBus);
      const seen = bus.publish(follow(0)).id;
      const ids = Array.from(
        { length: REPLAY_PAGE_EVENTS * 2 + 5 },
        (_, n) => bus.publish(n % 3 === 0 ? raid(n) : follow(n)).id,
      );
      const response = await fetch(
        `${service.baseUrl}/api/twitch/stream?catchUp=1&types=event&lastEventId=${seen}`,
      );
      const frames = framesOf(await response.text());
      expect(frames.filter((frame) => frame.data !== null).map((frame) => frame.id)).toEqual(ids);
      expect(frames.at(-1)).toEqual({ id: ids.at(-1), data: null });
    } finally {
      await service.close();
    }
  });
});
