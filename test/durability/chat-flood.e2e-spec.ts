import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventBus } from '../../src/bus/event-bus.js';
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
} from '../support/chat-flood.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const CHAT_KEPT = 1_000;

/**
 * A busy day in the SQLite log: 10,000 chat messages, an alert after every 40 of them, with chat
 * kept to 1,000 messages, the other events to 1,000, and 100 of each held in memory. No alert leaves the log: every one is
 * resumable, exactly, and in the history, also after a restart; chat resumes exactly while kept.
 */
describe('a flood of chat in the SQLite log never crowds out an alert', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'twitch-realtime-flood-')), 'data');
  const env = {
    EVENT_LOG: 'sqlite',
    DATA_DIR: dataDir,
    SSE_REPLAY_BUFFER_SIZE: '100',
    // Far fewer events than the flood's: kept together with chat, the first alerts would go.
    EVENT_LOG_MAX_EVENTS: '1000',
    EVENT_LOG_CHAT_MAX_MESSAGES: String(CHAT_KEPT),
    EVENTSUB_EVENTS: [...ALERT_BOX_EVENTS, ...CHAT_BOX_EVENTS].join(','),
  };
  let service: TestApp;
  let flood: Flood;

  beforeAll(async () => {
    service = await startTestApp(env);
    const recording = recordFlood(service.app.get(EventBus));
    const ingest = service.app.get(TwitchEventIngest);
    await floodChat((notification) => ingest.receive(notification), {
      messages: 10_000,
      every: 40,
    });
    recording.stop();
    flood = recording.flood;
    // Chat's pruning runs between appends, a batch at a time.
    const bus = service.app.get(EventBus);
    for (let tries = 0; bus.chatWindow.size > CHAT_KEPT * 1.01 && tries < 1000; tries++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
  }, 120_000);

  afterAll(async () => service?.close());

  const mark = (type: TwitchEventType) => service.app.get(EventBus).publishEvent(marker(type)).id;

  it('keeps chat to its own retention and every alert', () => {
    const bus = service.app.get(EventBus);
    expect(flood.alerts).toHaveLength(250);
    expect(bus.replayWindow.size).toBe(250);
    expect(bus.chatWindow.size).toBeLessThanOrEqual(CHAT_KEPT * 1.01);
    expect(bus.chatWindow.size).toBeGreaterThanOrEqual(CHAT_KEPT);
  });

  it('an alert box that comes back after the whole flood gets every alert it missed, exactly, and no chat', async () => {
    const all = await resume(service.baseUrl, ALERT_BOX_EVENTS, flood.alerts[0]! - 1, mark);
    expect(all).toEqual({ ids: flood.alerts, incomplete: false });
    const later = await resume(service.baseUrl, ALERT_BOX_EVENTS, flood.alerts[99]!, mark);
    expect(later).toEqual({ ids: flood.alerts.slice(100), incomplete: false });
  });

  it('a chat box gets the chat it missed while chat is kept, exactly, and is told when it is not', async () => {
    const recent = await resume(service.baseUrl, CHAT_BOX_EVENTS, flood.chat[9_500]!, mark);
    expect(recent).toEqual({ ids: flood.chat.slice(9_501), incomplete: false });
    const tooOld = await resume(service.baseUrl, CHAT_BOX_EVENTS, flood.chat[100]!, mark);
    expect(tooOld).toEqual({ ids: [], incomplete: true });
  });

  it('lists every alert in the history, and chat only when asked for', async () => {
    const alerts = await history(service.baseUrl);
    expect(alerts.map(({ id }) => id)).toEqual(flood.alerts);
    const chat = await history(service.baseUrl, 'events=channel.chat.message');
    expect(chat.length).toBeGreaterThanOrEqual(CHAT_KEPT);
    expect(chat.map(({ id }) => id)).toEqual(flood.chat.slice(-chat.length));
  });

  it('after a restart, every alert is still resumable and in the history', async () => {
    const bytes = statSync(join(dataDir, 'demo-events.db')).size;
    await service.close();
    service = await startTestApp(env);
    const all = await resume(service.baseUrl, ALERT_BOX_EVENTS, flood.alerts[0]! - 1, mark);
    expect(all).toEqual({ ids: flood.alerts, incomplete: false });
    expect((await history(service.baseUrl)).map(({ id }) => id)).toEqual(flood.alerts);
    // A file of about a thousand chat messages, not ten thousand (with its WAL folded in).
    expect(bytes).toBeLessThan(4 * 1024 * 1024);
  });
});
