import { request as httpRequest } from 'node:http';
import { SimulatorFixture } from './support/simulator-fixture.js';

/** What a raw HTTP call got back. */
interface RawAnswer {
  status: number;
  body: string;
}

/**
 * One request with exactly the headers given (fetch would pick its own Host), the way a browser
 * tricked by another site or by DNS rebinding would send it.
 */
function rawRequest(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      { host: '127.0.0.1', port, method, path, headers, setHost: false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

describe('the control API refuses what a web page could send', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  it('a text/plain POST from another site fires no alert; the next real trigger is the first one delivered', async () => {
    const { client, sessionId } = await fx.session();
    await fx.subscribe(sessionId, 'channel.cheer');
    const host = `localhost:${fx.sim.port}`;

    const attack = await rawRequest(
      fx.sim.port,
      'POST',
      '/control/trigger/channel.cheer',
      { host, origin: 'https://evil.example', 'content-type': 'text/plain' },
      JSON.stringify({ user: 'attacker', bits: 1, message: 'pwned by evil.example' }),
    );
    expect(attack.status).toBe(403);
    expect(JSON.parse(attack.body).message).toMatch(/other site/);

    // The same body as text/plain without an Origin (a form, an old browser): not JSON, refused.
    const plain = await rawRequest(
      fx.sim.port,
      'POST',
      '/control/trigger/channel.cheer',
      { host, 'content-type': 'text/plain' },
      JSON.stringify({ user: 'attacker', bits: 1, message: 'pwned by a form' }),
    );
    expect(plain.status).toBe(415);
    expect(JSON.parse(plain.body).message).toContain('application/json');

    const legit = await rawRequest(
      fx.sim.port,
      'POST',
      '/control/trigger/channel.cheer',
      { host, origin: `http://${host}`, 'content-type': 'application/json; charset=utf-8' },
      JSON.stringify({ user: 'bob', bits: 500, message: 'hello' }),
    );
    expect(legit.status).toBe(200);
    const [first] = await client.waitForType('notification');
    expect(first.payload.event).toMatchObject({ user_login: 'bob', message: 'hello' });
    expect(client.ofType('notification')).toHaveLength(1);
  });

  it('answers nothing to a Host that is not this machine (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${fx.sim.port}`, '192.0.2.1']) {
      const tokens = await rawRequest(
        fx.sim.port,
        'POST',
        '/control/tokens',
        { host, 'content-type': 'application/json' },
        '{}',
      );
      expect(tokens.status).toBe(403);
      expect(tokens.body).not.toContain('accessToken');
      const state = await rawRequest(fx.sim.port, 'GET', '/control/state', { host });
      expect(state.status).toBe(403);
    }
  });

  it('still serves this machine by every loopback name, as npm run trigger and the tests call it', async () => {
    for (const name of ['localhost', '127.0.0.1', '[::1]']) {
      const host = `${name}:${fx.sim.port}`;
      const tokens = await rawRequest(
        fx.sim.port,
        'POST',
        '/control/tokens',
        { host, 'content-type': 'application/json' },
        '{"user":"someone"}',
      );
      expect(tokens.status).toBe(200);
      expect(JSON.parse(tokens.body).accessToken).toEqual(expect.any(String));
      expect((await rawRequest(fx.sim.port, 'GET', '/control/state', { host })).status).toBe(200);
    }
  });
});
