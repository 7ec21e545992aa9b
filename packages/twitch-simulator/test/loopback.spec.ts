import { createServer, type Server } from 'node:net';
import { LoopbackServer } from '../src/loopback-server.js';
import { TwitchSimulator } from '../src/twitch-simulator.js';
import { EventSubTestClient } from './support/eventsub-test-client.js';

/**
 * Someone else on `host`:`port` (0: any free port): a TCP server that hangs up on every
 * connection. Rejects when it cannot listen there.
 */
function occupy(host: string, port = 0): Promise<Server> {
  const server = createServer((socket) => socket.destroy());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, exclusive: true }, () => resolve(server));
  });
}

function release(server: Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function portOf(server: Server): number {
  return (server.address() as { port: number }).port;
}

/** Whether this machine can listen on ::1, found apart from the code under test. */
async function machineHasIpv6Loopback(): Promise<boolean> {
  const server = await occupy('::1').catch(() => undefined);
  if (server === undefined) return false;
  await release(server);
  return true;
}

/** A loopback server whose every HTTP answer is `ok`. */
function okServer(): LoopbackServer {
  return new LoopbackServer(
    (_request, response) => response.end('ok'),
    (_request, socket) => socket.destroy(),
  );
}

describe('the simulator on loopback', () => {
  let sim: TwitchSimulator;
  let ipv6: boolean;

  beforeAll(async () => {
    ipv6 = await machineHasIpv6Loopback();
  });

  beforeEach(async () => {
    sim = new TwitchSimulator({ pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await sim.stop();
  });

  it('listens on 127.0.0.1, and on ::1 with the same port exactly when the machine has IPv6 loopback', async () => {
    const port = await sim.start({ port: 0 });
    expect(port).toBeGreaterThan(0);
    expect(sim.port).toBe(port);
    expect(sim.servesIpv6).toBe(ipv6);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect((await fetch(`http://localhost:${port}/`)).status).toBe(200);
    if (ipv6) expect((await fetch(`http://[::1]:${port}/`)).status).toBe(200);
  });

  it('answers as one simulator on every address: what one changes, the others show', async () => {
    const port = await sim.start({ port: 0 });
    const addresses = ['127.0.0.1', 'localhost', ...(ipv6 ? ['[::1]'] : [])];
    for (const [n, address] of addresses.entries()) {
      const trigger = await fetch(`http://${address}:${port}/control/trigger/channel.follow`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ user: `viewer_${n}` }),
      });
      expect(trigger.status).toBe(200);
      for (const other of addresses) {
        const state = (await (await fetch(`http://${other}:${port}/control/state`)).json()) as {
          channel: { followers: number };
        };
        expect(state.channel.followers).toBe(n + 1);
      }
    }
  });

  it('serves EventSub WebSockets on 127.0.0.1, as Twurple connects', async () => {
    await sim.start();
    const client = await EventSubTestClient.connect(sim.socketUrl);
    try {
      await client.welcome();
    } finally {
      client.terminate();
    }
  });

  it('refuses to start twice, and stops cleanly more than once', async () => {
    await sim.start();
    await expect(sim.start()).rejects.toThrow('already running');
    await sim.stop();
    await sim.stop();
    expect(sim.running).toBe(false);
    await expect(sim.start()).rejects.toThrow('create a new one');
  });

  it('works without being started: triggers change the state, nothing is delivered', () => {
    const result = sim.trigger('channel.follow', { user: 'alice' });
    expect(result.delivered).toBe(0);
    expect(sim.channel().followers).toBe(1);
  });
});

describe('LoopbackServer', () => {
  const servers: LoopbackServer[] = [];
  const occupied: Server[] = [];
  let ipv6: boolean;

  beforeAll(async () => {
    ipv6 = await machineHasIpv6Loopback();
  });

  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
    await Promise.all(occupied.splice(0).map(release));
  });

  it('serves 127.0.0.1 alone when ::1 cannot have the port asked for', async () => {
    // With IPv6 loopback, someone else holds the port on ::1; without it, ::1 is not there at all.
    const other = ipv6 ? await occupy('::1') : undefined;
    if (other) occupied.push(other);
    const wanted = other ? portOf(other) : 0;
    const server = okServer();
    servers.push(server);
    const port = await server.listen(wanted);
    if (other) expect(port).toBe(wanted);
    expect(server.servesIpv6).toBe(false);
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('ok');
    if (other) {
      // ::1 is still the other server's: a raw connection there does not reach ours.
      await expect(fetch(`http://[::1]:${port}/`)).rejects.toMatchObject({
        message: 'fetch failed',
      });
    }
  });

  it('refuses a port that 127.0.0.1 has given to someone else', async () => {
    const other = await occupy('127.0.0.1');
    occupied.push(other);
    const server = okServer();
    servers.push(server);
    await expect(server.listen(portOf(other))).rejects.toMatchObject({ code: 'EADDRINUSE' });
    expect(server.port).toBe(0);
  });

  it('gives the port back on every address when closed', async () => {
    const server = okServer();
    const port = await server.listen(0);
    const servedIpv6 = server.servesIpv6;
    await server.close();
    occupied.push(await occupy('127.0.0.1', port));
    if (servedIpv6) occupied.push(await occupy('::1', port));
    expect(servedIpv6).toBe(ipv6);
  });
});
