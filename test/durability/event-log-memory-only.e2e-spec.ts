import { mkdirSync, mkdtempSync, rmdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventHistoryResponse } from '../../src/alerts/alerts-api.js';
import { EVENT_LOG, EventBus } from '../../src/bus/event-bus.js';
import type { SqliteEventLog } from '../../src/bus/sqlite-event-log.js';
import type { StreamMessage } from '../../src/contract/sse-contract.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { LogCapture } from '../support/log-capture.js';
import { SseTestClient } from '../support/sse-client.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

const follow = (user: string): StreamMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_id: user, user_login: user, user_name: user },
});

/** Lines of `text` that contain `part`. */
const linesWith = (text: string, part: string) =>
  text.split('\n').filter((line) => line.includes(part));

describe('an event log that cannot write to disk (memory-only)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'twitch-realtime-memory-only-'));
  // A folder where the recovery state's file should be: every save of it fails (EISDIR), as root too.
  const recoveryFile = join(dataDir, 'demo-recovery.json');
  let service: TwitchTestApp;
  let db: { pragma(text: string, options?: object): unknown };
  let log: SqliteEventLog;
  const logs = new LogCapture();
  const get = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${service.baseUrl}${path}`)).json()) as T;
  const metric = async () =>
    /^twitch_realtime_event_log_memory_only (\d)$/m.exec(
      await (await fetch(`${service.baseUrl}/metrics`)).text(),
    )?.[1];

  beforeAll(async () => {
    mkdirSync(recoveryFile);
    logs.start();
    service = await startTwitchTestApp({
      EVENT_LOG: 'sqlite',
      DATA_DIR: dataDir,
      // The lines saying it works again are at the log level.
      LOG_LEVEL: 'log',
    });
    await untilEventSubReceiving(service);
    log = service.app.get(EVENT_LOG);
    db = (log as unknown as { db: typeof db }).db;
  });

  afterAll(async () => {
    logs.stop();
    await service?.close();
  });

  /** Breaks the EventSub connection and waits until it receives again (two saves of the state). */
  async function dropAndReconnect(): Promise<void> {
    const before = (await get<HealthReport>('/api/health')).eventsub.sessionId;
    expect(service.simulator.dropConnections()).toBeGreaterThan(0);
    await eventually(
      async () => (await get<HealthReport>('/api/health')).eventsub.sessionId !== before,
      'a new EventSub session',
    );
    await untilEventSubReceiving(service);
  }

  it('says so in health, metrics and history answers while the stream delivers everything', async () => {
    expect(await get<HealthReport>('/api/health')).toMatchObject({
      status: 'ok',
      eventLog: { durable: true, state: 'ok' },
    });
    await expect(metric()).resolves.toBe('0');

    // SQLite's own "database or disk is full" (SQLITE_FULL): the file may not grow any more.
    db.pragma(`max_page_count = ${Number(db.pragma('page_count', { simple: true }))}`);
    const client = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    const bus = service.app.get(EventBus);
    const ids = Array.from({ length: 60 }, (_, n) => bus.publish(follow(`viewer${n}`)).id);
    await client.waitForMessages(60);
    expect(client.messages.map((m) => Number(m.id))).toEqual(ids);
    await client.close();

    await eventually(
      async () => (await get<HealthReport>('/api/health')).status === 'degraded',
      'health degraded',
    );
    const { eventLog } = await get<HealthReport>('/api/health');
    expect(eventLog).toMatchObject({ durable: true, state: 'memory-only' });
    expect(eventLog.detail).toMatch(/^Cannot write the event log \(.*full.*\): events are kept/);
    expect(new Date(eventLog.since!).toISOString()).toBe(eventLog.since);
    await expect(metric()).resolves.toBe('1');
    const history = await get<EventHistoryResponse>('/api/events?limit=500');
    expect(history).toMatchObject({ incomplete: true, incompleteSince: eventLog.since });
    expect(history.events.length).toBeLessThan(60);

    // Retries while the disk stays full say nothing new: one line for the whole episode.
    expect(log.retryWrites()).toBe(false);
    expect(log.retryWrites()).toBe(false);
    expect(linesWith(logs.output, 'Cannot write the event log')).toHaveLength(1);
    expect(linesWith(logs.output, 'still cannot be written')).toHaveLength(0);

    db.pragma('max_page_count = 1073741823');
    expect(log.retryWrites()).toBe(true);
    await eventually(
      async () => (await get<HealthReport>('/api/health')).status === 'ok',
      'health ok again',
    );
    expect((await get<HealthReport>('/api/health')).eventLog).toEqual({
      durable: true,
      state: 'ok',
    });
    await expect(metric()).resolves.toBe('0');
    const complete = await get<EventHistoryResponse>('/api/events?limit=500');
    expect(complete.incomplete).toBe(false);
    expect(complete).not.toHaveProperty('incompleteSince');
    expect(complete.events.map((logged) => logged.id).filter((id) => ids.includes(id))).toEqual(
      [...ids].reverse(),
    );
    expect(linesWith(logs.output, 'written to disk again')).toHaveLength(1);
  }, 60_000);

  it('warns once that the recovery state cannot be written, however often it tries, and once when it can', async () => {
    await dropAndReconnect();
    await dropAndReconnect();
    expect(linesWith(logs.output, 'Could not write the gap recovery state')).toHaveLength(1);
    expect(linesWith(logs.output, 'Could not write the gap recovery state')[0]).toMatch(
      /Free some disk space, or check that DATA_DIR is writable/,
    );
    rmdirSync(recoveryFile);
    await dropAndReconnect();
    expect(linesWith(logs.output, 'The gap recovery state is written again.')).toHaveLength(1);
    expect(linesWith(logs.output, 'Could not write the gap recovery state')).toHaveLength(1);
  }, 90_000);
});
