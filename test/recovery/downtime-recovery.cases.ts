import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventMessage } from '../../src/contract/sse-contract.js';
import { GapRecovery } from '../../src/recovery/gap-recovery.js';
import { startSignInTestApp, type SignInTestApp } from '../auth/auth-harness.js';
import { eventually } from '../support/eventually.js';
import { SseTestClient } from '../support/sse-client.js';

/**
 * The service is stopped (an update, a reboot) while the channel goes on; Twitch keeps nothing for
 * it. Started again on the same DATA_DIR, it knows when it stopped receiving and recovers the gap.
 */
describe('gap recovery across the service being down', () => {
  let service: SignInTestApp;
  const durable = {
    EVENT_LOG: 'sqlite',
    DATA_DIR: join(mkdtempSync(join(tmpdir(), 'twitch-realtime-recovery-')), 'data'),
  };
  const receiving = async () => {
    const { eventsub } = await service.health();
    return (
      eventsub.state === 'connected' &&
      (eventsub.subscriptions ?? []).every((s) => s.status === 'enabled')
    );
  };

  beforeAll(async () => {
    service = await startSignInTestApp(durable);
    const minted = service.simulator.mintUserToken();
    await service.restart({
      ...durable,
      TWITCH_ACCESS_TOKEN: minted.accessToken,
      TWITCH_REFRESH_TOKEN: minted.refreshToken,
    });
    await eventually(receiving, 'EventSub receiving');
    await service.app.get(GapRecovery).settled(); // the baseline
  });

  afterAll(async () => {
    await service?.close();
  });

  it('publishes the follows and subs of the downtime once, after the restart, for a widget resuming from before', async () => {
    const watcher = await SseTestClient.connect(`${service.baseUrl}/api/twitch/stream?types=event`);
    service.simulator.trigger('channel.follow', { user: 'before_the_stop' });
    await watcher.waitFor(() => watcher.messages.length >= 1, 10_000, 'the follow before the stop');
    const lastSeen = watcher.messages[0]!.id;
    await watcher.close();

    // Stopped: the restart helper closes the service, then these happen with nobody listening.
    const restarting = service.restart(durable);
    service.simulator.trigger('channel.follow', { user: 'while_down' });
    service.simulator.trigger('channel.subscribe', { user: 'sub_while_down' });
    await restarting;
    await eventually(receiving, 'EventSub receiving again');
    await service.app.get(GapRecovery).settled();

    const resumed = await SseTestClient.connect(
      `${service.baseUrl}/api/twitch/stream?types=event`,
      {
        'last-event-id': lastSeen,
      },
    );
    try {
      await resumed.waitFor(() => resumed.messages.length >= 2, 15_000, 'the recovered events');
      const events = resumed.messages.map((m) => m.json as EventMessage);
      expect(events.map((e) => [e.event, e.data.user_login, e.recovered])).toEqual([
        ['channel.follow', 'while_down', true],
        ['channel.subscribe', 'sub_while_down', true],
      ]);
    } finally {
      await resumed.close();
    }
  });
});
