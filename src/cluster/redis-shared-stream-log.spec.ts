import { describeWithRedis, useRedisServer } from '../../test/support/redis-server.js';
import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { StreamSpans } from '../streams/stream-span.js';
import { RedisKeys } from './redis-keys.js';
import { RedisSharedStreamLog } from './redis-shared-stream-log.js';

describeWithRedis('RedisSharedStreamLog on a real redis-server', () => {
  const server = useRedisServer();
  let prefixes = 0;

  /** Adds an entry to the log's stream as the leader's writer does (`<id>-0`, k, t, m). */
  async function write(keys: RedisKeys, id: number, kind: string, message: object, max = 0) {
    const trim = max > 0 ? ['MAXLEN', String(max)] : [];
    await server.redis.xadd(
      keys.log,
      ...trim,
      `${id}-0`,
      'k',
      kind,
      't',
      '1',
      'm',
      JSON.stringify(message),
    );
  }
  const loginOf = (message: object) =>
    ((message as { data?: { user_login?: string } }).data ?? {}).user_login;
  const event = (type: TwitchEventType, login: string): EventMessage =>
    ({ type: 'event', event: type, data: { user_login: login } }) as EventMessage;

  async function read(log: RedisSharedStreamLog, after: number, upTo: number, types: string[]) {
    const pages: string[][] = [];
    for await (const page of log.pages(
      { after, upTo, types: new Set(types as TwitchEventType[]) },
      3,
    )) {
      pages.push(page.map(({ id, message }) => `${id}:${String(loginOf(message))}`));
    }
    return pages;
  }

  it('reads a range of the log’s stream a page at a time, oldest first, only the wanted events', async () => {
    const keys = new RedisKeys(`log-${++prefixes}`);
    const opened = await server.connect();
    const log = new RedisSharedStreamLog(opened, keys, () => 99);
    await write(keys, 1, 'h', event('channel.follow', 'before'));
    for (let id = 2; id <= 9; id++) await write(keys, id, 'h', event('channel.follow', `f${id}`));
    await write(keys, 10, 's:stats', { type: 'stats', data: { live: true } });
    await write(keys, 11, 'h', event('channel.cheer', 'ana'));
    // Chat is in a stream of its own: never read for a stream.
    await server.redis.xadd(keys.chatLog, '12-0', 'k', 'c', 't', '1', 'm', '{}');
    await write(keys, 13, 'h', event('channel.follow', 'after'));

    expect(await read(log, 1, 12, ['channel.follow', 'channel.cheer'])).toEqual([
      ['2:f2', '3:f3', '4:f4'],
      ['5:f5', '6:f6', '7:f7'],
      ['8:f8', '9:f9'],
      ['11:ana'],
    ]);
    expect((await read(log, 1, 12, ['channel.cheer'])).flat()).toEqual(['11:ana']);
    expect(log.lastId).toBe(99);
  });

  it('says a stream is incomplete once the log’s stream was trimmed past its first event', async () => {
    const keys = new RedisKeys(`log-${++prefixes}`);
    const opened = await server.connect();
    const log = new RedisSharedStreamLog(opened, keys, () => 0);
    const spans = new StreamSpans();
    for (let id = 1; id <= 4; id++) await write(keys, id, 'h', event('channel.follow', `f${id}`));
    spans.online(2, 0, '2026-12-01T18:00:00.000Z');
    expect(await log.keepsAll(spans.current!)).toBe(true);
    await write(keys, 5, 'h', event('channel.follow', 'f5'), 3);
    expect(await log.keepsAll(spans.current!)).toBe(false);
    expect((await read(log, 1, 5, ['channel.follow'])).flat()).toEqual(['3:f3', '4:f4', '5:f5']);
  });
});
