import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  TwitchSimulator,
} from '@twitch-realtime/twitch-simulator';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMessage } from '../../src/contract/sse-contract.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { buildIfNeeded, exited, spawnService, type Finished } from '../support/built-service.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import { TestRedisServer } from '../support/redis-server.js';
import type { SseTestClient } from '../support/sse-client.js';
import { TEST_KEEPALIVE_SECONDS } from '../support/test-keepalive.js';

/** One running instance of the built service. */
export interface Instance {
  readonly name: string;
  readonly baseUrl: string;
  readonly pid: number;
  health(): Promise<HealthReport>;
  output(): Finished;
  /** kill -9. */
  kill(): Promise<void>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<void>;
}

/** A simulator as Twitch, a real redis-server, and instances of the built service on both. */
export class ClusterHarness {
  readonly instances: Instance[] = [];
  private readonly token: { accessToken: string; refreshToken: string };

  private constructor(
    readonly simulator: TwitchSimulator,
    readonly redis: TestRedisServer,
  ) {
    this.token = simulator.mintUserToken();
  }

  static async start(): Promise<ClusterHarness> {
    buildIfNeeded();
    const redis = await TestRedisServer.start();
    const simulator = new TwitchSimulator({ keepaliveSeconds: TEST_KEEPALIVE_SECONDS });
    await simulator.start({ port: 0 });
    return new ClusterHarness(simulator, redis);
  }

  /**
   * Starts an instance named `name` on Redis at `redisUrl` (default: the test's server), with
   * `env` added to its environment.
   */
  async startInstance(
    name: string,
    redisUrl = this.redis.url,
    env: Record<string, string> = {},
  ): Promise<Instance> {
    const port = await freePort();
    const folder = mkdtempSync(join(tmpdir(), `twitch-realtime-${name}-`));
    const child = spawnService({
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_MODE: 'off',
      TWITCH_CLIENT_ID: DEFAULT_CLIENT_ID,
      TWITCH_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
      TWURPLE_MOCK_API_PORT: String(this.simulator.port),
      TWITCH_ACCESS_TOKEN: this.token.accessToken,
      TWITCH_REFRESH_TOKEN: this.token.refreshToken,
      TOKEN_FILE: join(folder, 'data', 'twitch-token.json'),
      DATA_DIR: join(folder, 'data'),
      REDIS_URL: redisUrl,
      INSTANCE_ID: name,
      STATS_POLL_INTERVAL: '10',
      METRICS_ENABLED: 'false',
      ...env,
    });
    const baseUrl = `http://127.0.0.1:${port}`;
    const instance: Instance = {
      name,
      baseUrl,
      pid: child.pid!,
      health: async () => (await (await fetch(`${baseUrl}/api/health`)).json()) as HealthReport,
      output: () => child.output(),
      kill: async () => {
        child.kill('SIGKILL');
        await exited(child);
      },
      stop: async () => {
        child.kill('SIGTERM');
        await exited(child);
      },
    };
    this.instances.push(instance);
    await eventually(
      async () => {
        if (child.exitCode !== null) throw new Error(`${name} exited: ${child.output().stderr}`);
        return fetch(`${baseUrl}/api/health`).then(
          (response) => response.ok,
          () => false,
        );
      },
      `${name} to answer`,
      // A cold start of the built service: a few seconds on a quiet machine, over 30 s when both
      // test workers start instances on a loaded one (seen on a clean clone at load 16).
      60_000,
    ).catch((error: Error) => {
      const { stdout, stderr } = child.output();
      throw new Error(`${error.message}\n${name}'s output:\n${(stdout + stderr).slice(-4000)}`);
    });
    return instance;
  }

  /** Waits until `instance` leads and its EventSub subscriptions are all enabled. */
  async receiving(instance: Instance, timeoutMs = 30_000): Promise<void> {
    await eventually(
      async () => {
        const health = await instance.health().catch(() => null);
        return (
          health?.instances[0]?.role === 'leader' &&
          health.eventsub.state === 'connected' &&
          (health.eventsub.subscriptions ?? []).length > 0 &&
          (health.eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
        );
      },
      `${instance.name} to lead and receive`,
      timeoutMs,
    );
  }

  /** Waits until `instance` is the standby and its own EventSub subscriptions are all enabled. */
  async standingBy(instance: Instance, timeoutMs = 30_000): Promise<void> {
    await eventually(
      async () => {
        const health = await instance.health().catch(() => null);
        return (
          health?.instances[0]?.role === 'standby' &&
          health.eventsub.state === 'connected' &&
          (health.eventsub.subscriptions ?? []).length > 0 &&
          (health.eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
        );
      },
      `${instance.name} to stand by with its own EventSub session`,
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.instances.map((instance) => instance.kill().catch(() => undefined)));
    await this.simulator.stop();
    await this.redis.stop();
  }
}

/** The follows a client got, as `user_login` (plus ` (recovered)`), in the order it got them. */
export function follows(client: SseTestClient): string[] {
  return client.messages
    .map((m) => m.json as EventMessage)
    .filter((m) => m.type === 'event' && m.event === 'channel.follow')
    .map((m) => `${String(m.data.user_login)}${m.recovered ? ' (recovered)' : ''}`);
}

/** Whether every message a client got has a higher id than the one before. */
export function idsIncrease(client: SseTestClient): boolean {
  const ids = client.messages.map((m) => Number(m.id));
  return ids.every((id, i) => i === 0 || id > ids[i - 1]!);
}

/** The cheers a client got, as their message text (plus ` (recovered)`), in the order it got them. */
export function cheers(client: SseTestClient): string[] {
  return client.messages
    .map((m) => m.json as EventMessage)
    .filter((m) => m.type === 'event' && m.event === 'channel.cheer')
    .map((m) => `${String(m.data.message)}${m.recovered ? ' (recovered)' : ''}`);
}

/** Cheers sent at a steady rate until `stop`; `sent` is every cheer's text in the order sent. */
export interface CheerStream {
  /** What each cheer's text begins with: `<label> <n>`. */
  readonly label: string;
  readonly sent: string[];
  stop(): void;
}

/**
 * Cheers from `simulator` every `everyMs` (ten a second by default), each its own: numbered text
 * `<label> <n>`, from one of five viewers.
 */
export function cheerStream(simulator: TwitchSimulator, label: string, everyMs = 100): CheerStream {
  const sent: string[] = [];
  const timer = setInterval(() => {
    const n = sent.length + 1;
    const message = `${label} ${n}`;
    simulator.trigger('channel.cheer', { user: `${label}_${n % 5}`, bits: 1, message });
    sent.push(message);
  }, everyMs);
  return { label, sent, stop: () => clearInterval(timer) };
}

/**
 * Waits until each client got every cheer `stream` sent, then checks that it got each once, in
 * order, all live (none recovered), with its ids increasing. Only this stream's cheers count: an
 * instance still reading the log behind the others may hand a client that just connected the last
 * cheers of the test before.
 */
export async function everyCheerOnceLive(
  watching: readonly SseTestClient[],
  stream: CheerStream,
): Promise<void> {
  const { sent } = stream;
  const ours = (client: SseTestClient) =>
    cheers(client).filter((text) => text.startsWith(`${stream.label} `));
  for (const client of watching) {
    await client
      .waitFor((c) => ours(c).length >= sent.length, 30_000, `all ${sent.length} cheers`)
      .catch((error: unknown) => {
        const got = new Set(ours(client));
        console.log(`missing: ${sent.filter((m) => !got.has(m)).join(', ')}`);
        throw error;
      });
    expect(ours(client)).toEqual(sent);
    expect(idsIncrease(client)).toBe(true);
  }
}
