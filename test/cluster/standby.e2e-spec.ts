import type { ClusterStatus, StatusMessage } from '../../src/contract/sse-contract.js';
import { eventually } from '../support/eventually.js';
import { describeWithRedis } from '../support/redis-server.js';
import { SseTestClient } from '../support/sse-client.js';
import { ClusterHarness, type Instance } from './cluster-harness.js';

/** The `cluster` status messages a client got, in order. */
function clusterStatuses(client: SseTestClient): ClusterStatus[] {
  return client.messages
    .map((m) => m.json as StatusMessage)
    .filter((m) => m.type === 'status' && 'cluster' in m.data)
    .map((m) => (m.data as { cluster: ClusterStatus }).cluster);
}

/**
 * The hot standby, on a real Redis, built instances and the simulator: one follower holds the
 * standby lease (and, with it, an EventSub session of its own); when it dies another follower
 * takes its place; the dashboard, `/api/health` and the `cluster` status say who leads and who
 * stands by.
 */
describeWithRedis('the hot standby', () => {
  let cluster: ClusterHarness;
  let a: Instance;
  let b: Instance;
  let c: Instance;
  const clients: SseTestClient[] = [];

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
    a = await cluster.startInstance('a');
    await cluster.receiving(a);
    b = await cluster.startInstance('b');
    await eventually(
      async () => (await b.health()).instances[0]?.role === 'standby',
      'b to be the standby',
      20_000,
    );
    c = await cluster.startInstance('c');
  }, 180_000);

  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.close()));
  });

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('one follower stands by; the others follow; every instance lists them', async () => {
    await eventually(
      async () => {
        const roles = (await c.health()).instances.map(({ id, role }) => `${id}:${role}`);
        return roles.join(' ') === 'c:follower a:leader b:standby';
      },
      'c to list the three roles',
      20_000,
    );
    const [healthA, healthB, healthC] = [await a.health(), await b.health(), await c.health()];
    expect(healthA.instances[0]).toMatchObject({ id: 'a', role: 'leader', eventsub: 'connected' });
    expect(healthB.instances[0]).toMatchObject({ id: 'b', role: 'standby' });
    expect(healthC.instances[0]).toMatchObject({ id: 'c', role: 'follower', eventsub: null });
  });

  it('the cluster status names the leader and the standby, and a new standby when it dies', async () => {
    const onC = await SseTestClient.connect(`${c.baseUrl}/api/twitch/stream?types=status`);
    clients.push(onC);
    await onC.waitFor(
      (client) => clusterStatuses(client).at(-1)?.standby === 'b',
      20_000,
      'a cluster status naming b',
    );
    expect(clusterStatuses(onC).at(-1)).toMatchObject({ leader: 'a', standby: 'b' });

    await b.kill();
    // Its lease lapses; c, the only follower left, takes it.
    await eventually(
      async () => (await c.health()).instances[0]?.role === 'standby',
      'c to be the standby',
      30_000,
    );
    await onC.waitFor(
      (client) => clusterStatuses(client).at(-1)?.standby === 'c',
      20_000,
      'a cluster status naming c',
    );
    expect(clusterStatuses(onC).at(-1)).toMatchObject({ leader: 'a', standby: 'c' });
  }, 60_000);
});
