import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventBus } from '../../src/bus/event-bus.js';
import { loadSseMessageSchemas, type JsonSchema } from '../../src/contract/sse-contract-schemas.js';
import { SseContractCheck, SseContractViolation } from './sse-contract-check.js';
import { SseTestClient } from './sse-client.js';
import { startTestApp } from './test-app.js';

const follow = {
  type: 'event',
  event: 'channel.follow',
  data: {
    user_id: '42',
    user_login: 'ann',
    user_name: 'Ann',
    broadcaster_user_id: '1000',
    broadcaster_user_login: 'streamer',
    broadcaster_user_name: 'Streamer',
    followed_at: '2026-11-26T17:00:00.123456789Z',
  },
  sentAt: '2026-11-26T17:00:00.200Z',
};
const stats = {
  type: 'stats',
  data: { live: true, viewers: 1, followers: 2, subs: 3, subPoints: 4 },
};

describe('SseContractCheck: every SSE message the tests see is checked against the schemas', () => {
  const check = new SseContractCheck(loadSseMessageSchemas());
  const problem = (json: unknown, id = '7') => {
    try {
      check.check(json, id);
    } catch (error) {
      expect(error).toBeInstanceOf(SseContractViolation);
      return (error as Error).message;
    }
    return undefined;
  };

  it('passes what the server sends', () => {
    expect(problem(follow)).toBeUndefined();
    expect(problem(stats)).toBeUndefined();
    expect(
      problem({
        type: 'status',
        data: { replay: 'incomplete', requestedId: 1, oldestBufferedId: null, latestId: 9 },
      }),
    ).toBeUndefined();
  });

  it('fails a message that breaks its schema, naming the schema file, the field and the message', () => {
    expect(problem({ ...follow, data: { ...follow.data, followed_at: 'yesterday' } })).toMatch(
      /SSE message 7 does not match src\/contract\/schemas\/event\.channel\.follow\.json:\n {2}\/data\/followed_at must match format "date-time"\n {2}message: \{"type":"event"/,
    );
    expect(
      problem({ type: 'stats', data: { live: true, viewers: 1.5, followers: 2, subs: 3 } }),
    ).toMatch(/\/data\/viewers must be integer/);
    expect(problem({ type: 'status', data: { mood: 'ok' } })).toMatch(
      /not a message the contract describes \(no schema status\.mood/,
    );
  });

  it('fails a field the server sends but the contract does not declare (Twitch’s objects stay open)', () => {
    expect(problem({ ...stats, data: { ...stats.data, hype: 3 } })).toMatch(
      /\/data must NOT have additional properties/,
    );
    expect(problem({ ...follow, data: { ...follow.data, added_by_twitch: true } })).toBeUndefined();
  });

  it('fails when the schemas and the code drift apart: a field gone from the contract', () => {
    // As if `subPoints` were dropped from StatsData while the server still sent it.
    const drifted = new Map(
      [...loadSseMessageSchemas()].map(([name, schema]): [string, JsonSchema] => {
        const copy = structuredClone(schema) as { $defs: Record<string, { properties?: object }> };
        delete (copy.$defs.StatsData?.properties as Record<string, unknown> | undefined)?.subPoints;
        return [name, copy];
      }),
    );
    expect(() => new SseContractCheck(drifted).check(stats, '8')).toThrow(
      /stats\.json[\s\S]*\/data must NOT have additional properties/,
    );
  });

  it('lets a test’s own fixtures leave out Twitch’s fields, but not get their types wrong', () => {
    const fixtures = new SseContractCheck(loadSseMessageSchemas());
    fixtures.markFixture(9);
    const partial = { type: 'event', event: 'channel.cheer', data: { user_login: 'ann', bits: 5 } };
    expect(() => fixtures.check(partial, '9')).not.toThrow();
    expect(() => fixtures.check(partial, '10')).toThrow(/must have required property/);
    expect(() =>
      fixtures.check({ ...partial, data: { user_login: 'ann', bits: '5' } }, '9'),
    ).toThrow(/\/data\/bits must be integer/);
    // A replay of a fixture carries the fixture's object.
    expect(() => fixtures.check({ ...partial, replayOf: 9 }, '11')).not.toThrow();
  });
});

describe('a test that receives a message the contract does not describe fails', () => {
  let server: Server;
  let url: string;

  beforeAll(async () => {
    server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write('id: 1\ndata: {"type":"stats","data":{"live":"yes"}}\n\n');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('when it reads the client (frames, messages, waitFor) or closes it', async () => {
    const client = await SseTestClient.connect(url);
    await expect(client.waitForMessages(1)).rejects.toThrow(
      /SSE message 1 does not match src\/contract\/schemas\/stats\.json:\n {2}\/data must have required property 'viewers'/,
    );
    expect(() => client.messages).toThrow(SseContractViolation);
    expect(() => client.frames).toThrow(SseContractViolation);
    await expect(client.close()).rejects.toThrow(SseContractViolation);
  });

  it('when the service published it, even if only a browser read it: on closing the service', async () => {
    const service = await startTestApp();
    service.app
      .get(EventBus)
      .publishEvent({ type: 'event', event: 'channel.raid', data: { viewers: -1 } });
    await expect(service.close()).rejects.toThrow(
      /does not match src\/contract\/schemas\/event\.channel\.raid\.json/,
    );
  });
});
