import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildIfNeeded,
  exited,
  spawnService,
  untilSpawnedReceiving,
} from '../support/built-service.js';
import { freePort } from '../support/free-port.js';
import { SseTestClient } from '../support/sse-client.js';

interface Json {
  type: string;
  event?: string;
  data: Record<string, unknown>;
}

/**
 * The durable event log, as a streamer meets it: the service is killed (kill -9: no shutdown at
 * all) while widgets are watching, and started again on the same DATA_DIR.
 */
describe('a restart, even a kill -9, loses nothing a widget was waiting for', () => {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'twitch-realtime-data-')), 'data');
  let port: number;
  let simulatorPort: number;
  let service: ReturnType<typeof spawnService> | undefined;
  const url = () => `http://127.0.0.1:${port}`;

  async function start(): Promise<void> {
    service = spawnService({
      PORT: String(port),
      SIMULATOR_PORT: String(simulatorPort),
      DEMO_ACTIVITY: 'false',
      DATA_DIR: dataDir,
    });
    await untilSpawnedReceiving(service, url());
  }

  const follow = (user: string) =>
    fetch(`http://127.0.0.1:${simulatorPort}/control/trigger/channel.follow`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user }),
    });

  beforeAll(async () => {
    buildIfNeeded();
    [port, simulatorPort] = [await freePort(), await freePort()];
  }, 300_000);

  afterAll(async () => {
    service?.kill('SIGKILL');
    if (service) await exited(service);
  });

  it('replays every event after a widget’s last id, once and in order, with ids going on from before', async () => {
    await start();
    const watcher = await SseTestClient.connect(`${url()}/api/twitch/stream?types=event`);
    for (const user of ['seen_before', 'missed_one', 'missed_two']) {
      expect((await follow(user)).status).toBe(200);
    }
    await watcher.waitFor(
      () => watcher.messages.length >= 3,
      15_000,
      'the three follows before the crash',
    );
    const events = watcher.messages as { id: string; json: Json }[];
    const lastSeen = events[0]!.id; // the widget saw the first follow, then went away
    const lastIdBefore = Number(events[2]!.id);
    await watcher.close();

    service!.kill('SIGKILL');
    await exited(service!);
    await start();

    const resumed = await SseTestClient.connect(`${url()}/api/twitch/stream`, {
      'last-event-id': lastSeen,
    });
    try {
      await resumed.waitFor(
        () =>
          resumed.messages.filter((m) => (m.json as Json).type === 'event').length >= 2 ||
          resumed.messages.some((m) => JSON.stringify(m.json).includes('incomplete')),
        15_000,
        'the replay after the restart',
      );
      const replayed = resumed.messages.map((m) => m.json as Json);
      expect(replayed.some((m) => JSON.stringify(m).includes('"replay":"incomplete"'))).toBe(false);
      expect(replayed.filter((m) => m.type === 'event').map((m) => m.data.user_login)).toEqual([
        'missed_one',
        'missed_two',
      ]);

      // Ids go on from where they were: a new follow gets a higher id than any before the crash.
      expect((await follow('after_restart')).status).toBe(200);
      await resumed.waitFor(
        () => resumed.messages.some((m) => (m.json as Json).data?.user_login === 'after_restart'),
        15_000,
        'the follow after the restart',
      );
      const after = resumed.messages.find(
        (m) => (m.json as Json).data?.user_login === 'after_restart',
      );
      expect(Number(after?.id)).toBeGreaterThan(lastIdBefore);
    } finally {
      await resumed.close();
    }

    // The recent-events feed was kept too.
    const recent = (await (await fetch(`${url()}/api/events/recent?limit=10`)).json()) as {
      events: { message?: Json; event?: Json }[];
    };
    expect(JSON.stringify(recent)).toContain('missed_two');
  }, 180_000);

  it('refuses to start a second copy on the same DATA_DIR, saying why', async () => {
    const second = spawnService({
      PORT: String(await freePort()),
      SIMULATOR_PORT: String(await freePort()),
      DEMO_ACTIVITY: 'false',
      DATA_DIR: dataDir,
    });
    expect(await exited(second)).toBe(1);
    expect(second.output().stderr).toMatch(
      /Configuration error: The event log .*demo-events\.db is in use by another process.*DATA_DIR/,
    );
    // The first copy goes on serving.
    expect((await fetch(`${url()}/api/health`)).status).toBe(200);
  }, 60_000);
});
