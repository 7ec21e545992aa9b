import { eventually } from '../support/eventually.js';
import { ClusterHarness } from './cluster-harness.js';
import { describeWithRedis } from '../support/redis-server.js';

/** `WORKERS=2 npm start`: two instances on one port, one of them the leader. */
describeWithRedis('WORKERS on one machine', () => {
  let cluster: ClusterHarness;

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('runs two instances behind one port that share one Twitch connection', async () => {
    const primary = await cluster.startInstance('box', undefined, { WORKERS: '2' });
    // Each answer comes from whichever worker the port gave the request to, and each worker knows
    // the other's role as of its last heartbeat: so one answer is judged as a whole.
    await eventually(
      async () => {
        const { instances } = await primary.health();
        const ids = instances.map((i) => i.id).sort();
        const leaders = instances.filter((i) => i.role === 'leader');
        return ids.join() === 'box-w1,box-w2' && leaders.length === 1;
      },
      'both workers (box-w1, box-w2) on the list, exactly one leading',
      30_000,
    );
    await eventually(() => cluster.simulator.sessions().length === 1, 'one EventSub session');
    await primary.stop();
    expect(primary.output().stderr).not.toMatch(/Error/);
  }, 60_000);
});
