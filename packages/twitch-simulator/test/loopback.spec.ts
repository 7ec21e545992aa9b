import { TwitchSimulator } from '../src/twitch-simulator.js';
import { EventSubTestClient } from './support/eventsub-test-client.js';

describe('the simulator on loopback', () => {
  let sim: TwitchSimulator;

  beforeEach(async () => {
    sim = new TwitchSimulator({ pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await sim.stop();
  });

  it('listens on 127.0.0.1 and, where the machine has it, on ::1 with the same port', async () => {
    const port = await sim.start({ port: 0 });
    expect(port).toBeGreaterThan(0);
    expect(sim.port).toBe(port);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    expect((await fetch(`http://localhost:${port}/`)).status).toBe(200);
    if (sim.servesIpv6) expect((await fetch(`http://[::1]:${port}/`)).status).toBe(200);
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
