import { firstValueFrom } from 'rxjs';
import type { EventLog, WantedEvents } from '../bus/event-log.js';
import { EventBus, retentionOf } from '../bus/event-bus.js';
import type { PublishedMessage } from '../bus/published-message.js';
import type { EventMessage } from '../contract/sse-contract.js';
import {
  chatMessage,
  describeEventLogContract,
  follow,
  stats,
  type ChatUnderTest,
} from '../../test/support/event-log-contract.js';
import { eventually } from '../../test/support/eventually.js';
import { describeWithRedis, TestRedisServer } from '../../test/support/redis-server.js';
import { LeaderLease } from './leader-lease.js';
import { LeaderRequests } from './leader-requests.js';
import { RedisConnections } from './redis-connections.js';
import { RedisEventLog } from './redis-event-log.js';
import { RedisKeys } from './redis-keys.js';
import { newestStreamId } from './redis-stream-entries.js';

/** One instance's shared log on the test's redis-server, under keys of its own. */
interface OpenedLog {
  readonly log: RedisEventLog;
  readonly connections: RedisConnections;
  readonly keys: RedisKeys;
  readonly leaderRequests: LeaderRequests;
  readonly lease: LeaderLease;
  readonly warnings: string[];
}

describeWithRedis('RedisEventLog on a real redis-server', () => {
  let redis: TestRedisServer;
  const opened: OpenedLog[] = [];
  let prefixes = 0;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
  });

  afterAll(async () => {
    // All at once, at the end: each reader's blocking read holds its connection's quit for up to a
    // second. (Every test's logs have keys of their own, so they do not meet meanwhile.)
    await Promise.all(opened.map(closeLog));
    await redis.stop();
  });

  async function closeLog({ log, connections, leaderRequests }: OpenedLog): Promise<void> {
    log.close();
    leaderRequests.close();
    await connections.close();
    await log.stopped();
  }

  /**
   * An instance's log over the keys under `prefix` (a fresh prefix: an empty shared log), holding
   * `memoryEvents` events in memory.
   */
  async function openLog(
    memoryEvents: number,
    prefix = `test-${++prefixes}`,
    instanceId = 'instance',
    chat?: ChatUnderTest,
  ): Promise<OpenedLog> {
    const connections = await RedisConnections.open(redis.url);
    const keys = new RedisKeys(prefix);
    const leaderRequests = new LeaderRequests(connections, keys, instanceId);
    await leaderRequests.listen();
    const warnings: string[] = [];
    const log = await RedisEventLog.open(connections, {
      keys,
      memoryEvents,
      maxEntries: 1000,
      ...(chat ? { chat: chat.retention, now: chat.now } : {}),
      retentionOf,
      leaderRequests,
      log: (_level, message) => warnings.push(message),
    });
    const lease = new LeaderLease(connections.command, keys, instanceId);
    const instance = { log, connections, keys, leaderRequests, lease, warnings };
    opened.push(instance);
    return instance;
  }

  /** Makes `instance` the leader; its lease does not lapse (nothing renews it here). */
  async function lead(instance: OpenedLog): Promise<string> {
    const lease = (await instance.lease.tryAcquire())!;
    await instance.connections.command.persist(instance.keys.leader);
    await instance.log.lead(lease);
    return lease;
  }

  /** Waits until everything appended is in Redis and this instance has read it back. */
  async function settle(log: EventLog): Promise<void> {
    const instance = opened.find((candidate) => candidate.log === log)!;
    expect(await instance.log.flushed(20_000)).toBe(true);
    const newest = await newestStreamId(instance.connections, instance.keys);
    await eventually(() => log.lastId >= newest, `the log to read back up to ${newest}`);
  }

  describeEventLogContract(
    'RedisEventLog (the leader’s)',
    async (capacity, chat) => {
      const instance = await openLog(capacity, undefined, undefined, chat);
      await lead(instance);
      return instance.log;
    },
    settle,
  );

  const history = { kind: 'history' } as const;
  const ids = (messages: readonly { id: number }[]) => messages.map(({ id }) => id);

  describe('RedisEventLog', () => {
    it('starts the ids of an empty stream above any earlier run’s (the time in microseconds)', async () => {
      const before = Date.now() * 1000;
      const instance = await openLog(10);
      await lead(instance);
      const first = instance.log.append(follow('a'), history);
      expect(first.id).toBeGreaterThan(before);
      expect(instance.log.append(follow('b'), history).id).toBe(first.id + 1);
    });

    it('lets only the leader append: a follower is told to hand its messages over (relay)', async () => {
      const instance = await openLog(10);
      expect(instance.log.appendable).toBe(false);
      expect(() => instance.log.append(follow('a'), history)).toThrow(
        /Only the leader instance appends to the shared event log; use relay\(\)/,
      );
      await lead(instance);
      expect(instance.log.appendable).toBe(true);
      await instance.log.stepDown();
      expect(instance.log.appendable).toBe(false);
    });

    it('a new leader gives ids after everything the last one wrote, and replays across the handover', async () => {
      const first = await openLog(10, 'handover', 'first');
      const firstLease = await lead(first);
      const a = first.log.append(follow('a'), history);
      const kept = first.log.append(stats(1), { kind: 'state', key: 'stats' });
      await settle(first.log);
      expect(await first.log.stepDown()).toBe(0);
      await first.lease.release(firstLease);

      const second = await openLog(10, 'handover', 'second');
      await lead(second);
      const b = second.log.append(follow('b'), history);
      expect(b.id).toBe(kept.id + 1);
      await settle(second.log);
      expect(second.log.eventsAfter(a.id)).toMatchObject({
        complete: true,
        events: [{ id: b.id }],
      });
      expect(second.log.state('stats')).toMatchObject({ id: kept.id, json: kept.json });
      // The instance that led before reads on: it holds what the new leader wrote.
      await eventually(() => first.log.lastId === b.id, 'the old leader to read the new one');
      expect(ids(first.log.latestEvents(10))).toEqual([a.id, b.id]);
    });

    it('an instance started later loads the newest events and every latest state; a replay from before its copy is incomplete', async () => {
      const leader = await openLog(10, 'late', 'leader');
      await lead(leader);
      const pause = leader.log.append(
        { type: 'control', data: { action: 'pause' } },
        { kind: 'state', key: 'control:pause' },
      );
      leader.log.append(stats(1), { kind: 'state', key: 'stats' });
      const events = [0, 1, 2, 3, 4].map((n) => leader.log.append(follow(`f${n}`), history));
      const latest = leader.log.append(stats(2), { kind: 'state', key: 'stats' });
      await settle(leader.log);

      // Its copy in memory holds two events: the newest two, and the entries after them.
      const late = await openLog(2, 'late', 'late');
      expect(late.log.lastId).toBe(latest.id);
      expect(ids(late.log.latestEvents(10))).toEqual(ids(events.slice(-2)));
      expect(late.log.eventsAfter(events[2]!.id)).toMatchObject({
        complete: true,
        events: [{ id: events[3]!.id }, { id: events[4]!.id }],
      });
      expect(late.log.eventsAfter(events[1]!.id)).toEqual({ complete: false, events: [] });
      // The pause is older than the copy's first entry: it comes from the states hash.
      expect(late.log.state('control:pause')).toMatchObject({ id: pause.id, json: pause.json });
      expect(late.log.state('stats')).toMatchObject({ id: latest.id, json: latest.json });
      expect(ids(late.log.states())).toEqual([pause.id, latest.id]);
    });

    it('an instance started later loads the chat the chat stream keeps; a chat reader from before it is told its replay is incomplete, an alert reader is not', async () => {
      const retention = { maxMessages: 10, maxAgeMs: 3_600_000 };
      const chat = { retention, now: Date.now };
      const leader = await openLog(10, 'late-chat', 'leader', chat);
      await lead(leader);
      const follows = [leader.log.append(follow('a'), history)];
      const messages = Array.from({ length: 30 }, (_, n) =>
        leader.log.append(chatMessage(n), { kind: 'chat' }),
      );
      follows.push(leader.log.append(follow('b'), history));
      await settle(leader.log);
      // Chat went to a stream of its own; the log's holds the follows only.
      expect(await leader.connections.command.xlen(leader.keys.log)).toBe(2);

      const late = await openLog(10, 'late-chat', 'late', chat);
      expect(late.log.chatEventCount).toBe(10);
      const wanted = (type: string) => new Set([type]) as WantedEvents;
      expect(late.log.eventsAfter(follows[0]!.id - 1, wanted('channel.follow'))).toMatchObject({
        complete: true,
        events: follows.map(({ id }) => ({ id })),
      });
      expect(late.log.eventsAfter(messages[19]!.id, wanted('channel.chat.message'))).toMatchObject({
        complete: true,
        events: messages.slice(20).map(({ id }) => ({ id })),
      });
      expect(late.log.eventsAfter(messages[18]!.id, wanted('channel.chat.message')).complete).toBe(
        false,
      );
      expect(late.log.eventsAfter(messages[18]!.id).complete).toBe(false);
    });

    it('an instance started after the chat stream let chat go by age tells a chat reader so (XINFO STREAM)', async () => {
      let time = 1_000;
      const chat = { retention: { maxMessages: 100, maxAgeMs: 60_000 }, now: () => time };
      const leader = await openLog(10, 'aged-chat', 'leader', chat);
      await lead(leader);
      const followed = leader.log.append(follow('a'), history);
      const messages = [1, 2].map((n) => leader.log.append(chatMessage(n), { kind: 'chat' }));
      await settle(leader.log);
      time = Date.now();
      await leader.log.pruneOlderThan(Date.now());
      expect(await leader.connections.command.xlen(leader.keys.chatLog)).toBe(0);
      expect(await leader.connections.command.xlen(leader.keys.log)).toBe(1);

      const late = await openLog(10, 'aged-chat', 'late', chat);
      const only = (type: string) => new Set([type]) as WantedEvents;
      expect(late.log.eventsAfter(followed.id, only('channel.chat.message')).complete).toBe(false);
      expect(late.log.eventsAfter(messages[1]!.id, only('channel.chat.message'))).toEqual({
        complete: true,
        events: [],
      });
      expect(late.log.eventsAfter(followed.id - 1, only('channel.follow'))).toMatchObject({
        complete: true,
        events: [{ id: followed.id }],
      });
    });

    it('drops what was not written yet when it steps down: nobody got it', async () => {
      const instance = await openLog(10);
      await lead(instance);
      const written = instance.log.append(follow('written'), history);
      await settle(instance.log);
      instance.log.append(follow('held back'), history);
      expect(await instance.log.stepDown()).toBe(1);
      const entries = await instance.connections.command.xrange(instance.keys.log, '-', '+');
      expect(entries.map(([entryId]) => entryId)).toEqual([`${written.id}-0`]);
      expect(instance.log.lastId).toBe(written.id);
    });

    it('is fenced: Redis refuses its writes once another instance holds the lease, and it says so', async () => {
      const instance = await openLog(10);
      await lead(instance);
      const before = instance.log.append(follow('before'), history);
      await settle(instance.log);
      // Another instance took the lease (this one's lapsed unnoticed, as in a partition).
      await instance.connections.command.set(instance.keys.leader, 'other-instance:99');
      const fenced = firstValueFrom(instance.log.fenced$);
      instance.log.append(follow('refused'), history);
      await fenced;
      expect(await instance.connections.command.xlen(instance.keys.log)).toBe(1);
      expect(instance.log.lastId).toBe(before.id);
      // The refused message is dropped when the instance stands down.
      expect(await instance.log.stepDown()).toBe(1);
    });

    it('does not write again, under a new id, a batch Redis took whose answer was lost', async () => {
      const instance = await openLog(10);
      const { command } = instance.connections;
      const { keys } = instance;
      await lead(instance);
      const before = await command.xlen(keys.log);
      // The write landed but its answer did not (the connection dropped): the stream holds the
      // next id with this message already when the leader tries again.
      const next = instance.log.lastId + 1;
      const json = JSON.stringify(follow('once'));
      await command.xadd(keys.log, `${next}-0`, 'k', 'h', 't', '0', 'm', json);
      const again = instance.log.append(follow('once'), history);
      expect(again.id).toBe(next);
      await settle(instance.log);
      const entries = await command.xrange(keys.log, '-', '+');
      expect(entries).toHaveLength(before + 1);
      expect(entries.filter(([, fields]) => fields.includes(json))).toHaveLength(1);
      expect(instance.warnings.filter((w) => /moved on to/.test(w))).toEqual([]);
      // Another message at an id the stream holds is still another leader's: renumbered.
      await command.xadd(keys.log, `${next + 1}-0`, 'k', 'h', 't', '0', 'm', '{"other":1}');
      const after = instance.log.append(follow('after'), history);
      await settle(instance.log);
      expect(after.id).toBe(next + 1);
      expect(ids(instance.log.latestEvents(10)).at(-1)).toBe(next + 2);
    });

    it('drops the entries older than the age limit from the start of the stream', async () => {
      const instance = await openLog(10);
      const { command } = instance.connections;
      const { keys } = instance;
      // Two entries written long ago (at time 0), as an earlier leader wrote them.
      for (const id of [1, 2]) {
        const json = JSON.stringify(follow(`old${id}`));
        await command.xadd(keys.log, `${id}-0`, 'k', 'h', 't', '0', 'm', json);
      }
      await lead(instance);
      // It read them before leading: its ids go on after theirs.
      expect(ids(instance.log.latestEvents(10))).toEqual([1, 2]);
      const young = instance.log.append(follow('young'), history);
      expect(young.id).toBe(3);
      await settle(instance.log);
      await instance.log.pruneOlderThan(60_000);
      const entries = await command.xrange(keys.log, '-', '+');
      expect(entries.map(([entryId]) => entryId)).toEqual(['3-0']);
    });
  });

  describe('the bus over RedisEventLog (a SharedEventLog)', () => {
    it('delivers a message once Redis has it, on every instance, and a follower’s goes through the leader', async () => {
      const leader = await openLog(10, 'bus', 'leader');
      await lead(leader);
      const follower = await openLog(10, 'bus', 'follower');
      const buses = [new EventBus(leader.log), new EventBus(follower.log)] as const;
      const delivered = buses.map((bus) => {
        const got: PublishedMessage[] = [];
        bus.messages$.subscribe((published) => got.push(published));
        return got;
      });
      expect(buses.map((bus) => bus.publishing)).toEqual([true, false]);

      const event = buses[0].publishEvent(follow('a') as EventMessage);
      // Not at append: clients get it once it is back from Redis.
      expect(delivered[0]).toEqual([]);
      await eventually(() => delivered.every((got) => got.length === 1), 'the event everywhere');
      expect(delivered.map(ids)).toEqual([[event.id], [event.id]]);

      const relayed = await buses[1].submit({ type: 'control', data: { action: 'pause' } });
      expect(relayed.id).toBe(event.id + 1);
      await eventually(() => delivered.every((got) => got.length === 2), 'the relayed message');
      expect(delivered.map(ids)).toEqual([
        [event.id, relayed.id],
        [event.id, relayed.id],
      ]);
      expect(buses[1].snapshot('control:pause')?.id).toBe(relayed.id);
      // A client that saw an id this instance has not read yet is a moment ahead, not lost.
      expect(buses[1].cursorFor(relayed.id + 5)).toBe(relayed.id + 5);
      expect(buses[1].cursorFor(relayed.id)).toBe(relayed.id);
    });
  });
});
