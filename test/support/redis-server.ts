import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { Redis } from 'ioredis';
import { RedisConnections } from '../../src/cluster/redis-connections.js';
import { eventually } from './eventually.js';
import { freePort } from './free-port.js';
import { describeNeeding, type TestDependency } from './missing-dependency.js';

/** The redis-server on PATH; `REDIS_SERVER_PATH` points the cluster tests at another one. */
export const REDIS_SERVER_PATH = process.env.REDIS_SERVER_PATH || 'redis-server';

/** Whether `redis-server --version` runs here. */
function redisServerRuns(): boolean {
  const probe = spawnSync(REDIS_SERVER_PATH, ['--version'], { encoding: 'utf8' });
  return !probe.error && probe.status === 0;
}

/** redis-server, as the cluster tests need it: whether it is here, and how to install it. */
export const REDIS_SERVER: TestDependency = {
  available: redisServerRuns(),
  hint:
    `Cluster tests SKIPPED: no ${REDIS_SERVER_PATH} runs here. ` +
    'Install it with "sudo apt-get install -y redis-server" (Debian/Ubuntu; .ci/run does this ' +
    'when it is missing), or set REDIS_SERVER_PATH to a redis-server, to run them.',
};

/**
 * `describe` for a suite that starts a `TestRedisServer`. Without redis-server the suite does not
 * fail: it reports one skipped test named after the reason, and prints how to install it.
 */
export function describeWithRedis(name: string, suite: () => void): void {
  describeNeeding(REDIS_SERVER, name, suite);
}

/** A test file's redis-server (`useRedisServer`), with what its tests need of it. */
export interface RedisServerFixture {
  readonly server: TestRedisServer;
  /** A plain client of it, to set up and read keys around the code under test. */
  readonly redis: Redis;
  /** Opens the `RedisConnections` the code under test takes; they close after the file's tests. */
  connect(): Promise<RedisConnections>;
}

/**
 * The set-up each Redis spec had a copy of: before the file's tests, a redis-server and a plain
 * client of it; after them, the client and every connection `connect()` opened close, and the
 * server stops. Call it inside `describeWithRedis`.
 */
export function useRedisServer(): RedisServerFixture {
  let server: TestRedisServer | undefined;
  let redis: Redis | undefined;
  const connections: RedisConnections[] = [];

  beforeAll(async () => {
    server = await TestRedisServer.start();
    redis = new Redis(server.url);
  });

  afterAll(async () => {
    redis?.disconnect();
    await Promise.all(connections.map((opened) => opened.close()));
    await server?.stop();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined)
      throw new Error('The redis-server starts in beforeAll; it is not up yet.');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get redis() {
      return started(redis);
    },
    async connect() {
      const opened = await RedisConnections.open(started(server).url);
      connections.push(opened);
      return opened;
    },
  };
}

/**
 * A real `redis-server` of the test's own, on a free loopback port, with no persistence: a
 * restart starts it empty on the same port, as a Redis without a disk would come back.
 */
export class TestRedisServer {
  private process: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  static async start(): Promise<TestRedisServer> {
    // Suites declared with `describeWithRedis` never get here without it.
    if (!REDIS_SERVER.available) throw new Error(REDIS_SERVER.hint);
    const server = new TestRedisServer(await freePort());
    await server.run();
    return server;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Stops it (SIGKILL: like a crash) and starts it again, empty, on the same port. */
  async restart(downMs = 0): Promise<void> {
    await this.stop();
    if (downMs > 0) await new Promise((resolve) => setTimeout(resolve, downMs));
    await this.run();
  }

  async stop(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await gone;
  }

  private async run(): Promise<void> {
    const child = spawn(
      REDIS_SERVER_PATH,
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(
      () => output.includes('Ready to accept connections') || child.exitCode !== null,
      'redis-server to start',
      10_000,
    );
    if (child.exitCode !== null) throw new Error(`redis-server did not start: ${output}`);
  }
}

/**
 * A TCP relay in front of Redis that a test can cut: one instance's view of Redis, partitioned
 * while the others still reach it.
 */
export class CuttableLink {
  private readonly sockets = new Set<Socket>();
  private cut = false;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async to(target: number): Promise<CuttableLink> {
    const port = await freePort();
    const made: { link?: CuttableLink } = {};
    const server = createServer((client) => {
      const link = made.link;
      if (!link || link.cut) {
        client.destroy();
        return;
      }
      const upstream = createConnection({ host: '127.0.0.1', port: target });
      for (const socket of [client, upstream]) {
        link.sockets.add(socket);
        socket.on('close', () => link.sockets.delete(socket));
        socket.on('error', () => socket.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    made.link = new CuttableLink(server, port);
    return made.link;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Drops every connection through it and refuses new ones until `heal`. */
  sever(): void {
    this.cut = true;
    for (const socket of this.sockets) socket.destroy();
  }

  heal(): void {
    this.cut = false;
  }

  async close(): Promise<void> {
    this.sever();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
