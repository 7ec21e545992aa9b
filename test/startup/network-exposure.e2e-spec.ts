import { request } from 'node:http';
import { networkInterfaces } from 'node:os';
import { listenAddress } from '../../src/config/listen-address.js';
import { buildIfNeeded, exited, spawnService } from '../support/built-service.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';

/** `GET /api/health` over loopback, naming the service by `host` as a device on the LAN would. */
function health(port: number, host: string): Promise<{ eventsub: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path: '/api/health', headers: { host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve(JSON.parse(body) as { eventsub: Record<string, unknown> }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const WARNING = 'ADMIN_TOKEN is not set: any device that reaches port';

describe('a service open to the network (HOST=0.0.0.0)', () => {
  beforeAll(() => buildIfNeeded(), 300_000);

  let service: ReturnType<typeof spawnService> | undefined;
  afterEach(async () => {
    service?.kill('SIGTERM');
    if (service) await exited(service);
    service = undefined;
  });

  /** Starts the demo on all interfaces and waits for the line after its banner (or the warning). */
  async function start(env: Record<string, string>, until: string): Promise<number> {
    const port = await freePort();
    service = spawnService({
      HOST: '0.0.0.0',
      PORT: String(port),
      SIMULATOR_PORT: '0',
      DEMO_ACTIVITY: 'false',
      EVENT_LOG: 'memory',
      ...env,
    });
    const running = service;
    await eventually(() => {
      if (running.exitCode !== null)
        throw new Error(`the service stopped: ${JSON.stringify(running.output())}`);
      return running.output().stdout.includes(until);
    }, until);
    return port;
  }

  it('warns once, naming what is open and how to close it, and shows a real address in the banner', async () => {
    // The warning comes before the banner, whose last line is npm run auth's.
    const port = await start({}, 'run `npm run auth` to sign in');
    const { stdout } = service!.output();
    expect(stdout.split(WARNING)).toHaveLength(2);
    const warning = stdout.split('\n').find((line) => line.includes(WARNING))!;
    expect(warning).toContain('HOST=0.0.0.0 serves all interfaces');
    expect(warning).toContain("viewers' names and messages (/api/events");
    expect(warning).toContain('/api/health, /metrics and your media file names');
    expect(warning).toContain('set HOST=127.0.0.1');
    expect(warning).toContain('set ADMIN_TOKEN');
    // The dashboard at an address of this machine other devices can use, and where it is here.
    const { url } = listenAddress(
      { address: '0.0.0.0', family: 'IPv4', port },
      networkInterfaces(),
    );
    expect(stdout).toContain(`Dashboard      ${url}/`);
    expect(stdout).toContain(
      `This machine   http://localhost:${port}/ (listening on all interfaces)`,
    );
  });

  it('tells the EventSub session id to this machine only', async () => {
    const port = await start({}, 'DEMO MODE');
    await eventually(
      async () => typeof (await health(port, `localhost:${port}`)).eventsub.sessionId === 'string',
      'EventSub connected, its session id in health',
    );
    const fromLan = await health(port, `streaming-pc.lan:${port}`);
    expect(fromLan.eventsub.state).toBe('connected');
    expect(fromLan.eventsub).not.toHaveProperty('sessionId');
  });

  it('does not warn once ADMIN_TOKEN is set', async () => {
    await start({ ADMIN_TOKEN: 'a-long-enough-admin-token-1234' }, 'DEMO MODE');
    // The warning is written before the banner, on the same pipe: its absence now is final.
    expect(service!.output().stdout).not.toContain('ADMIN_TOKEN is not set');
  });
});
