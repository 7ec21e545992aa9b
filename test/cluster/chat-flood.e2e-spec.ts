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
  recordFlood,
  marker,
  resume,
  type Flood,
  type Receive,
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

  /**
   * The instance that leads now. (The instances share this process's event loop: one starting
   * can hold it long enough on a loaded machine for the lease to pass to another.)
   */
  async function leading(): Promise<TestApp> {
    let found: TestApp | undefined;
    await eventually(() => {
      found = apps.find((app) => app.app.get(EventBus).publishing);
      return found !== undefined;
    }, 'an instance to lead');
    return found!;
  }

  /** Whether every instance has read the shared log up to `id` within `ms`. */
  async function readEverywhere(id: number, ms: number): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (apps.every((app) => app.app.get(EventBus).lastId >= id)) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  /**
   * Publishes a marker through the instance that leads, for a client of any instance: again if a
   * change of leader dropped it before Redis had it (a leader that steps down drops what it held).
   */
  async function mark(type: TwitchEventType): Promise<number> {
    for (;;) {
      const leader = await leading();
      const { id } = leader.app.get(EventBus).publishEvent(marker(type));
      if (await readEverywhere(id, 10_000)) return id;
    }
  }

  /** Where Twitch's notifications go: the ingest of the instance that leads now. */
  const receiveOnLeader: Receive = async (notification) => {
    for (;;) {
      const leader = await leading();
      try {
        leader.app.get(TwitchEventIngest).receive(notification);
        return;
      } catch (error) {
        // It stopped leading a moment ago: the next one takes it.
        if (!/Only the leader instance appends/.test((error as Error).message)) throw error;
      }
    }
  };

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    await start('first');
    await start('second');
    // What reached the clients, as the first instance delivered it: a change of leader in the
    // middle (a loaded machine) would drop what the old one held back, as it does in production.
    const recording = recordFlood(apps[0]!.app.get(EventBus));
    await floodChat(receiveOnLeader, { messages: 10_000, every: 40 });
    const done = await mark('channel.follow');
    recording.stop();
    flood = recording.flood;
    expect(await readEverywhere(done, 30_000)).toBe(true);
  }, 120_000);

  afterAll(async () => {
    // (Each in turn: a clean stop hands the lease over, which the next one stopping takes.)
    for (const app of apps.reverse()) await app.close();
    await redis?.stop();
  });

  it('keeps chat to its own length in its own stream, and every alert in the log’s', async () => {
    const { redis: connections, keys } = apps[0]!.app.get(Cluster);
    const { command } = connections;
    // Trimmed with `~`: whole blocks of a hundred entries, never below the length asked for.
    expect(await command.xlen(keys.chatLog)).toBeLessThan(CHAT_KEPT + 200);
    // The log's stream: the 250 alerts and the states between them, far below its 1,000.
    expect(await command.xlen(keys.log)).toBeLessThan(1000);
    for (const app of apps) {
      // (With the markers of the tests so far.)
      expect(app.app.get(EventBus).replayWindow.size).toBeGreaterThanOrEqual(flood.alerts.length);
      expect(app.app.get(EventBus).chatWindow.size).toBe(CHAT_KEPT);
    }
  });

  it('an alert box that comes back to any instance, or to one started since, gets every alert it missed, exactly', async () => {
    const late = await start('late');
    expect(late.app.get(EventBus).replayWindow.size).toBeGreaterThanOrEqual(flood.alerts.length);
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
