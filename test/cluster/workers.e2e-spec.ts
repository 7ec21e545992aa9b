import { eventually } from '../support/eventually.js';
import { ClusterHarness } from './cluster-harness.js';

/** `WORKERS=2 npm start`: two instances on one port, one of them the leader. */
describe('WORKERS on one machine', () => {
  let cluster: ClusterHarness;

  beforeAll(async () => {
    cluster = await ClusterHarness.start();
  }, 60_000);

  afterAll(async () => {
    await cluster?.close();
  }, 60_000);

  it('runs two instances behind one port that share one Twitch connection', async () => {
    const primary = await cluster.startInstance('box', undefined, { WORKERS: '2' });
    await eventually(
      async () => {
        const { instances } = await primary.health();
        return instances.length === 2 && instances.some((i) => i.role === 'leader');
      },
      'both workers on the list, one leading',
      30_000,
    );
    const { instances } = await primary.health();
    expect(instances.map((i) => i.id).sort()).toEqual(['box-w1', 'box-w2']);
    expect(instances.filter((i) => i.role === 'leader')).toHaveLength(1);
    await eventually(() => cluster.simulator.sessions().length === 1, 'one EventSub session');
    await primary.stop();
    expect(primary.output().stderr).not.toMatch(/Error/);
  }, 60_000);
});
