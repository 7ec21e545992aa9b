import http from 'node:http';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis } from '../support/redis-server.js';
import { SseTestClient } from '../support/sse-client.js';
import { ClusterHarness, follows, type Instance } from './cluster-harness.js';
import { BUILD_TIMEOUT_MS, buildIfNeeded } from '../support/built-service.js';

const WORKER_IDS = ['box-w1', 'box-w2'];

/**
 * The health report of whichever worker the port hands a new connection to (no keep-alive: a
 * reused connection would always reach the same worker).
 */
function healthOnNewConnection(baseUrl: string): Promise<HealthReport> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${baseUrl}/api/health`, { agent: false }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => {
        try {
          resolve(JSON.parse(body) as HealthReport);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.on('error', reject);
  });
}

/** Asks the port on new connections until both workers have answered; each one's latest report. */
async function reportsOfBothWorkers(baseUrl: string): Promise<Map<string, HealthReport>> {
  const reports = new Map<string, HealthReport>();
  await eventually(
    async () => {
      const report = await healthOnNewConnection(baseUrl).catch(() => undefined);
      const id = report?.instances[0]?.id;
      if (report && id !== undefined) reports.set(id, report);
      return WORKER_IDS.every((worker) => reports.has(worker));
    },
    `answers from both workers (${WORKER_IDS.join(', ')}) on the one port`,
    30_000,
  );
  return reports;
}

/** `WORKERS=2 npm start`: two instances on one port, one of them the leader, the other its standby. */
describeWithRedis('WORKERS on one machine', () => {
  let cluster: ClusterHarness;
  let primary: Instance;
  const clients: SseTestClient[] = [];

  // The build first, in a hook of its own: waiting for it never eats the cluster's set-up time.
  beforeAll(buildIfNeeded, BUILD_TIMEOUT_MS);

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    primary = await cluster.startInstance('box', undefined, { WORKERS: '2' });
  }, 60_000);

  afterAll(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await cluster?.close();
  }, 60_000);

  it('both workers answer on the one port, and both know the same single leader', async () => {
    // Each worker knows the other as of its last heartbeat: wait until both list both, one leading.
    await eventually(
      async () => {
        const reports = await reportsOfBothWorkers(primary.baseUrl);
        return [...reports.values()].every((report) => {
          const ids = report.instances.map((i) => i.id).sort();
          const leaders = report.instances.filter((i) => i.role === 'leader');
          return ids.join() === WORKER_IDS.join() && leaders.length === 1;
        });
      },
      'both workers listing both, exactly one leading',
      30_000,
    );
    const reports = await reportsOfBothWorkers(primary.baseUrl);
    const roles = WORKER_IDS.map((id) => reports.get(id)!.instances[0]!.role).sort();
    expect(roles).toEqual(['leader', 'standby']);
    const leader = WORKER_IDS.find((id) => reports.get(id)!.instances[0]!.role === 'leader')!;
    const standby = WORKER_IDS.find((id) => id !== leader)!;
    // Each names the same leader; only the leader runs the Helix poll; the standby holds an
    // EventSub session of its own beside the leader's.
    for (const report of reports.values()) {
      expect(report.instances.find((i) => i.role === 'leader')?.id).toBe(leader);
    }
    expect(reports.get(standby)!.twitch.state).toBe('standby');
    await eventually(
      () => cluster.simulator.sessions().length === 2,
      'two EventSub sessions (the leader’s and the standby’s)',
    );
    await eventually(
      async () => {
        const { eventsub } = (await reportsOfBothWorkers(primary.baseUrl)).get(leader)!;
        const subscriptions = eventsub.subscriptions ?? [];
        return (
          eventsub.state === 'connected' &&
          subscriptions.length > 0 &&
          subscriptions.every((s) => s.status === 'enabled')
        );
      },
      `${leader} receiving from EventSub`,
      30_000,
    );
  });

  it('a follow reaches the clients of both workers, once each', async () => {
    const connect = async () => {
      const client = await SseTestClient.connect(
        `${primary.baseUrl}/api/twitch/stream?types=event`,
      );
      clients.push(client);
    };
    // New connections go to the workers in turn; connect until each worker holds a client.
    await connect();
    await eventually(
      async () => {
        const reports = await reportsOfBothWorkers(primary.baseUrl);
        if (WORKER_IDS.every((id) => reports.get(id)!.sse.clients > 0)) return true;
        if (clients.length < 8) await connect();
        return false;
      },
      'an SSE client on each worker',
      30_000,
    );

    cluster.simulator.trigger('channel.follow', { user: 'worker_fan' });
    for (const client of clients) {
      await client.waitFor((c) => follows(c).includes('worker_fan'), 10_000, 'the follow');
    }
    // A second event: each client's copy of the first came once, and nothing else in between.
    cluster.simulator.trigger('channel.follow', { user: 'worker_fan_2' });
    for (const client of clients) {
      await client.waitFor((c) => follows(c).includes('worker_fan_2'), 10_000, 'the 2nd follow');
      expect(follows(client)).toEqual(['worker_fan', 'worker_fan_2']);
    }
    // Every client saw the same ids: one log behind both workers.
    const idsOf = (client: SseTestClient) => client.messages.map((m) => m.id);
    for (const client of clients) expect(idsOf(client)).toEqual(idsOf(clients[0]!));
    expect(cluster.simulator.sessions()).toHaveLength(2);
  });

  it('stops both workers on SIGTERM, cleanly', async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
    await primary.stop();
    const { stderr } = primary.output();
    expect(stderr).not.toMatch(/Error/);
    await expect(healthOnNewConnection(primary.baseUrl)).rejects.toThrow();
  });
});
