import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GapRecovery } from '../../src/recovery/gap-recovery.js';
import { StatsPoller } from '../../src/stats/stats-poller.js';
import type { StreamRecap } from '../../src/streams/streams-api.js';
import { startSignInTestApp, type SignInTestApp } from '../auth/auth-harness.js';
import { eventually } from '../support/eventually.js';

/**
 * The service is stopped mid-stream and started again on the same DATA_DIR while the channel stays
 * live: the stream is still the current one, and its recap has what gap recovery found of the
 * downtime, marked as such.
 */
describe('a stream live across a restart of the service', () => {
  let service: SignInTestApp;
  const durable = {
    EVENT_LOG: 'sqlite',
    DATA_DIR: join(mkdtempSync(join(tmpdir(), 'twitch-realtime-streams-restart-')), 'data'),
    // Only the polls the service makes by itself at the start and after stream.online, and the test's.
    STATS_POLL_INTERVAL: '3600',
  };
  const receiving = async () => {
    const { eventsub } = await service.health();
    return (
      eventsub.state === 'connected' &&
      (eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
    );
  };
  const current = async () => {
    const response = await fetch(`${service.baseUrl}/api/streams/current`);
    return response.status === 200 ? ((await response.json()) as StreamRecap) : undefined;
  };

  beforeAll(async () => {
    service = await startSignInTestApp(durable);
    const minted = service.simulator.mintUserToken();
    await service.restart(durable, {
      accessToken: minted.accessToken,
      refreshToken: minted.refreshToken,
    });
    await eventually(receiving, 'EventSub receiving');
    await service.app.get(GapRecovery).settled(); // the baseline
  });

  afterAll(async () => {
    await service?.close();
  });

  it('stays the current stream, and its recap counts what gap recovery found of the downtime', async () => {
    service.simulator.trigger('stream.online', { viewers: 30 });
    await eventually(async () => (await current()) !== undefined, 'the stream to be current');
    service.simulator.trigger('channel.follow', { user: 'before_the_stop' });
    await eventually(
      async () => (await current())?.followers === 1,
      'the follow before the stop in the recap',
    );
    await service.app.get(StatsPoller).pollNow();
    const before = (await current())!;
    expect(before.viewers.polls).toBeGreaterThanOrEqual(1);

    const restarting = service.restart(durable);
    service.simulator.trigger('channel.follow', { user: 'while_down' });
    await restarting;
    await eventually(receiving, 'EventSub receiving again');
    await service.app.get(GapRecovery).settled();

    const after = (await current())!;
    expect(after).toMatchObject({ id: before.id, startSource: 'stream.online', live: true });
    await eventually(
      async () => (await current())!.viewers.polls > before.viewers.polls,
      'the first poll after the restart to count for the stream',
    );

    service.simulator.trigger('stream.offline');
    let ended: StreamRecap | undefined;
    await eventually(async () => {
      ended = (await (
        await fetch(`${service.baseUrl}/api/streams/${before.id}`)
      ).json()) as StreamRecap;
      return ended.endedAt !== null;
    }, 'the stream to end');
    expect(ended).toMatchObject({
      endSource: 'stream.offline',
      followers: 2,
      recovery: { recovered: { 'channel.follow': 1 } },
      incomplete: [],
    });
    expect(ended!.recovery.gaps).toHaveLength(1);
    expect(ended!.viewers.peak).toBe(30);
  });
});
