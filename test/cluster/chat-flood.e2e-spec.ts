import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../src/bus/event-bus.js';
import { Cluster } from '../../src/cluster/cluster.js';
import type { TwitchEventType } from '../../src/contract/sse-contract.js';
import { TwitchEventIngest } from '../../src/eventsub/twitch-event-ingest.js';
import {
  ALERT_BOX_EVENTS,
  CHAT_BOX_EVENTS,
  floodChat,
  history,
  marker,
  resume,
  type Flood,
} from '../support/chat-flood.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis, TestRedisServer } from '../support/redis-server.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHAT_KEPT = 1_000;

/**
 * A busy day on the log several instances share in Redis: 10,000 chat messages with an alert after
 * every 40, chat kept to 1,000 messages, the other events' stream to 1,000 entries. Every alert is
 * resumable, exactly, and in the history on an instance that read along and on one started after
 * the flood; chat resumes exactly while kept.
 */
describeWithRedis('a flood of chat on Redis never crowds out an alert', () => {
  let redis: TestRedisServer;
  const apps: TestApp[] = [];
  let leader: TestApp;
  let flood: Flood;

  const start = (name: string) =>
    startTestApp({
      DEMO_MODE: 'off',
      TWITCH_CLIENT_ID: 'flood-test-client',
      REDIS_URL: redis.url,
      INSTANCE_ID: name,
      TOKEN_FILE: join(mkdtempSync(join(tmpdir(), `twitch-realtime-${name}-`)), 'token.json'),
      EVENT_LOG_MAX_EVENTS: '1000',
      EVENT_LOG_CHAT_MAX_MESSAGES: String(CHAT_KEPT),
      EVENTSUB_EVENTS: [...ALERT_BOX_EVENTS, ...CHAT_BOX_EVENTS].join(','),
    }).then((app) => {
      apps.push(app);
      return app;
    });

  /** Publishes a marker on the leader, for a client of any instance. */
  const mark = (type: TwitchEventType) => leader.app.get(EventBus).publishEvent(marker(type)).id;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    leader = await start('leader');
    await eventually(() => leader.app.get(EventBus).publishing, 'the first instance to lead');
    await start('follower');
    flood = await floodChat(leader.app.get(TwitchEventIngest), { messages: 10_000, every: 40 });
    const newest = flood.chat.at(-1)!;
    for (const app of apps) {
      await eventually(
        () => app.app.get(EventBus).lastId >= newest,
        'every instance to read it all',
      );
    }
  }, 120_000);

  afterAll(async () => {
    // (Each in turn: a clean stop hands the lease over, which the next one stopping takes.)
    for (const app of apps.reverse()) await app.close();
    await redis?.stop();
  });

  it('keeps chat to its own length in its own stream, and every alert in the log’s', async () => {
    const command = leader.app.get(Cluster).redis.command;
    const keys = leader.app.get(Cluster).keys;
    // Trimmed with `~`: whole blocks of a hundred entries, never below the length asked for.
    expect(await command.xlen(keys.chatLog)).toBeLessThan(CHAT_KEPT + 200);
    // The log's stream: the 250 alerts and the states between them, far below its 1,000.
    expect(await command.xlen(keys.log)).toBeLessThan(1000);
    for (const app of apps) {
      expect(app.app.get(EventBus).replayWindow.size).toBe(250);
      expect(app.app.get(EventBus).chatWindow.size).toBe(CHAT_KEPT);
    }
  });

  it('an alert box that comes back to any instance, or to one started since, gets every alert it missed, exactly', async () => {
    const late = await start('late');
    expect(late.app.get(EventBus).replayWindow.size).toBe(250);
    for (const app of apps) {
      const all = await resume(app.baseUrl, ALERT_BOX_EVENTS, flood.alerts[0]! - 1, mark);
      expect(all).toEqual({ ids: flood.alerts, incomplete: false });
      expect((await history(app.baseUrl)).map(({ id }) => id)).toEqual(flood.alerts);
    }
  });

  it('a chat box gets the chat it missed while chat is kept, exactly, and is told when it is not', async () => {
    for (const app of apps) {
      const recent = await resume(app.baseUrl, CHAT_BOX_EVENTS, flood.chat[9_500]!, mark);
      expect(recent).toEqual({ ids: flood.chat.slice(9_501), incomplete: false });
      const tooOld = await resume(app.baseUrl, CHAT_BOX_EVENTS, flood.chat[100]!, mark);
      expect(tooOld).toEqual({ ids: [], incomplete: true });
    }
  });
});
