import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { buildIfNeeded, exited, spawnService } from '../support/built-service.js';
import { freePort } from '../support/free-port.js';
import { SseTestClient } from '../support/sse-client.js';

const root = resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

interface Json {
  type: string;
  event?: string;
  test?: boolean;
  data: Record<string, unknown>;
}

describe('npm start with no Twitch credentials (demo mode)', () => {
  let service: ReturnType<typeof spawnService>;
  let port: number;
  let simulatorPort: number;
  let client: SseTestClient;
  const json = () => client.messages.map((m) => m.json as Json);

  beforeAll(async () => {
    buildIfNeeded();
    [port, simulatorPort] = [await freePort(), await freePort()];
    service = spawnService({ PORT: String(port), SIMULATOR_PORT: String(simulatorPort) });
    const deadline = Date.now() + 60_000;
    while (!service.output().stdout.includes('DEMO MODE')) {
      if (service.exitCode !== null || Date.now() > deadline) {
        throw new Error(`the service did not start: ${JSON.stringify(service.output())}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    client = await SseTestClient.connect(`http://127.0.0.1:${port}/api/twitch/stream`);
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    service?.kill('SIGTERM');
    if (service) await exited(service);
  });

  it('says plainly that it is the demo, where to look, and how to go live', () => {
    const { stdout } = service.output();
    expect(stdout).toContain('DEMO MODE');
    expect(stdout).toContain(`http://localhost:${port}/`);
    expect(stdout).toContain('/widgets/alerts');
    expect(stdout).toContain('TWITCH_CLIENT_ID');
    expect(stdout).toContain('npm run auth');
  });

  it('shows events flowing through EventSub and the poller at once', async () => {
    // Follows recur; the demo's stream.online comes a second after start, which may be before this
    // client connected (on a loaded machine): that it went live is what the poll shows below.
    await client.waitFor(
      () => json().some((m) => m.event === 'channel.follow'),
      30_000,
      'a follow from the demo',
    );
    await client.waitFor(
      () => json().some((m) => m.type === 'stats' && m.data.polledAt && m.data.live === true),
      30_000,
      'stats from a Helix poll showing the stream live',
    );
    const health = (await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()) as {
      mode: string;
      eventsub: { state: string };
    };
    expect(health.mode).toBe('demo');
    expect(health.eventsub.state).toBe('connected');
  });

  it('takes `npm run trigger` events from the terminal', async () => {
    await run(
      process.execPath,
      [
        'packages/twitch-simulator/dist/cli/trigger-cli.js',
        'channel.cheer',
        '--user',
        'cli_cheerer',
        '--bits',
        '321',
      ],
      {
        cwd: root,
        env: { ...process.env, SIMULATOR_PORT: String(simulatorPort) },
      },
    );
    await client.waitFor(
      () =>
        json().some(
          // Demo mode takes every type, Bits in one place: a cheer comes as channel.bits.use.
          (m) =>
            m.event === 'channel.bits.use' &&
            m.data.type === 'cheer' &&
            m.data.user_login === 'cli_cheerer' &&
            m.data.bits === 321,
        ),
      15_000,
      'the cheer from the CLI',
    );
  });

  it("sends the dashboard's test alerts through the simulator and EventSub", async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/admin/test-events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ event: 'channel.raid' }),
    });
    expect(response.ok).toBe(true);
    await client.waitFor(
      () => json().some((m) => m.event === 'channel.raid' && m.test === undefined),
      15_000,
      'the raid, arriving as a real EventSub event',
    );
  });

  it('stops cleanly on SIGTERM: shutdown hooks run, then the signal ends it (as Nest does)', async () => {
    service.kill('SIGTERM');
    expect(await exited(service)).toBe('SIGTERM');
    expect(service.output().stderr).toBe('');
  });
});
