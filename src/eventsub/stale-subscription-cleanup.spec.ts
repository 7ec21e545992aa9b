import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type {
  EventSubSubscriptionRepository,
  WebSocketSubscriptionRecord,
} from './eventsub-subscription-repository.js';
import { StaleSubscriptionCleanup, staleSubscriptions } from './stale-subscription-cleanup.js';

/** Helix in memory: the app's WebSocket subscriptions, and what was deleted. */
class FakeSubscriptionRepository implements EventSubSubscriptionRepository {
  readonly deleted: string[] = [];
  listFailure: Error | undefined;
  readonly deleteFailures = new Set<string>();

  constructor(public subscriptions: WebSocketSubscriptionRecord[]) {}

  async listWebSocketSubscriptions(): Promise<WebSocketSubscriptionRecord[]> {
    if (this.listFailure) throw this.listFailure;
    return this.subscriptions.map((subscription) => ({ ...subscription }));
  }

  async delete(id: string): Promise<void> {
    if (this.deleteFailures.has(id)) throw new Error(`Helix refused to delete ${id}`);
    this.deleted.push(id);
    this.subscriptions = this.subscriptions.filter((subscription) => subscription.id !== id);
  }
}

const record = (
  id: string,
  webSocketSessionId: string,
  status = 'enabled',
): WebSocketSubscriptionRecord => ({ id, type: 'channel.follow', status, webSocketSessionId });

describe('stale EventSub subscriptions', () => {
  let logs: string[];
  let warnings: string[];

  beforeEach(() => {
    logs = [];
    warnings = [];
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message) => {
      logs.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => {
      warnings.push(String(message));
    });
  });

  afterEach(() => jest.restoreAllMocks());

  describe('staleSubscriptions', () => {
    const all = [
      record('current-enabled', 'ws-current'),
      record('current-disabled', 'ws-current', 'websocket_disconnected'),
      record('ours-enabled', 'ws-ours'),
      record('ours-disabled', 'ws-ours', 'websocket_disconnected'),
      record('foreign-enabled', 'ws-foreign'),
      record('foreign-disabled', 'ws-foreign', 'websocket_failed_ping_pong'),
      record('sessionless-disabled', '', 'websocket_connection_unused'),
    ];
    const stale = staleSubscriptions(all, 'ws-current', new Set(['ws-ours', 'ws-current']));
    const ids = stale.map((subscription) => subscription.id);

    it('are the disabled ones, on any WebSocket session but the current one', () => {
      expect(ids).toEqual(
        expect.arrayContaining(['ours-disabled', 'foreign-disabled', 'sessionless-disabled']),
      );
    });

    it('are the enabled ones on WebSocket sessions this process opened before', () => {
      expect(ids).toContain('ours-enabled');
    });

    it('are never on the current WebSocket session', () => {
      expect(ids).not.toContain('current-enabled');
      expect(ids).not.toContain('current-disabled');
    });

    it("are never enabled ones on WebSocket sessions this process did not open (another copy's)", () => {
      expect(ids).not.toContain('foreign-enabled');
      expect(ids).toHaveLength(4);
    });
  });

  describe('StaleSubscriptionCleanup', () => {
    it("deletes what the process's earlier WebSocket sessions left behind, and says how many", async () => {
      const cleanup = new StaleSubscriptionCleanup();
      cleanup.webSocketSessionOpened('ws-1');
      cleanup.webSocketSessionOpened('ws-2');
      const helix = new FakeSubscriptionRepository([
        record('a', 'ws-1'),
        record('b', 'ws-1', 'websocket_disconnected'),
        record('c', 'ws-other'),
        record('d', 'ws-2'),
      ]);
      await expect(cleanup.removeStale(helix, 'ws-2')).resolves.toBe(2);
      expect(helix.deleted).toEqual(['a', 'b']);
      expect(helix.subscriptions.map((subscription) => subscription.id)).toEqual(['c', 'd']);
      expect(logs).toEqual(['Deleted 2 stale EventSub subscription(s) before resubscribing.']);
    });

    it('leaves enabled subscriptions alone until it has seen their WebSocket session opened', async () => {
      const cleanup = new StaleSubscriptionCleanup();
      const helix = new FakeSubscriptionRepository([record('a', 'ws-1')]);
      await expect(cleanup.removeStale(helix, 'ws-2')).resolves.toBe(0);
      expect(logs).toEqual([]);
      cleanup.webSocketSessionOpened('ws-1');
      await expect(cleanup.removeStale(helix, 'ws-2')).resolves.toBe(1);
    });

    it('goes on resubscribing when Helix will not list the subscriptions', async () => {
      const cleanup = new StaleSubscriptionCleanup();
      const helix = new FakeSubscriptionRepository([]);
      helix.listFailure = new Error('503 Service Unavailable');
      await expect(cleanup.removeStale(helix, 'ws-1')).resolves.toBe(0);
      expect(warnings).toEqual([
        expect.stringMatching(/^Could not list EventSub subscriptions to clean up: /),
      ]);
    });

    it('deletes the others when one deletion fails, and says which failed', async () => {
      const cleanup = new StaleSubscriptionCleanup();
      const helix = new FakeSubscriptionRepository([
        record('a', 'ws-1', 'websocket_disconnected'),
        record('b', 'ws-1', 'websocket_disconnected'),
      ]);
      helix.deleteFailures.add('a');
      await expect(cleanup.removeStale(helix, 'ws-2')).resolves.toBe(1);
      expect(helix.deleted).toEqual(['b']);
      expect(warnings).toEqual([
        expect.stringMatching(/^Could not delete stale channel\.follow subscription a: /),
      ]);
      expect(logs).toEqual(['Deleted 1 stale EventSub subscription(s) before resubscribing.']);
    });
  });
});
