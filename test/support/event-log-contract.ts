import type { StreamMessage, TwitchEventType } from '../../src/contract/sse-contract.js';
import type { ChatRetention, EventLog, LogReadAfter } from '../../src/bus/event-log.js';
import type { PublishedMessage } from '../../src/bus/published-message.js';
import { isSharedEventLog } from '../../src/bus/shared-event-log.js';

/** A follow by `user`, as the event log tests store it. */
export const follow = (user: string): StreamMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_id: user },
});
/** A chat message `n`, as the event log tests store it. */
export const chatMessage = (n: number): StreamMessage => ({
  type: 'event',
  event: 'channel.chat.message',
  data: { message_id: `m${n}`, message: { text: `hello ${n}`, fragments: [] } },
});
/** Stats with `followers`, as the event log tests store them. */
export const stats = (followers: number): StreamMessage => ({
  type: 'stats',
  data: { live: false, viewers: 0, followers, subs: 0 },
});

/**
 * A kept message as every implementation must give it back: its id, its message and its JSON
 * text. (`publishedAt` is when this instance handed it out: a shared log's reads give the copy
 * read back from the store, not the object `append` returned.)
 */
const kept = ({ id, message, json }: PublishedMessage) => ({ id, message, json });
const keptAll = (messages: PublishedMessage[]) => messages.map(kept);
const keptAfter = ({ complete, events }: LogReadAfter) => ({ complete, events: keptAll(events) });

/** How much chat a log under test keeps, and its clock (ms since the epoch). */
export interface ChatUnderTest {
  readonly retention: ChatRetention;
  readonly now: () => number;
}

/**
 * What every `EventLog` implementation must do, as Jest tests. A new implementation's spec calls
 * this with a factory for a fresh log holding at most `capacity` events (and, given `chat`, that
 * much chat, by that clock), and `settle`.
 *
 * The reads are checked after `settle`, which waits until they show every message appended so
 * far and the log's background work (pruning) is done: a log in memory does nothing, the SQLite
 * log prunes, and a log shared by several instances (`SharedEventLog`) waits until its store has
 * given the messages back — its reads answer from what it read back, not from `append`.
 */
export function describeEventLogContract(
  name: string,
  create: (capacity: number, chat?: ChatUnderTest) => EventLog | Promise<EventLog>,
  settle: (log: EventLog) => Promise<void> = () => Promise.resolve(),
): void {
  describe(`${name} (the EventLog contract)`, () => {
    it('gives every message a strictly increasing id and its JSON text', async () => {
      const log = await create(10);
      const before = log.lastId;
      const a = log.append(follow('a'), { kind: 'history' });
      const b = log.append(stats(1), { kind: 'state', key: 'stats' });
      const c = log.append({ type: 'control', data: { action: 'skip' } }, { kind: 'transient' });
      expect([a.id, b.id, c.id]).toEqual([before + 1, before + 2, before + 3]);
      expect(a.json).toBe(JSON.stringify(follow('a')));
      await settle(log);
      expect(log.lastId).toBe(c.id);
    });

    it('reads the events after an id, and says when some of them are gone', async () => {
      const log = await create(2);
      const a = log.append(follow('a'), { kind: 'history' });
      const b = log.append(follow('b'), { kind: 'history' });
      await settle(log);
      expect(keptAfter(log.eventsAfter(a.id))).toEqual({ complete: true, events: [kept(b)] });
      const c = log.append(follow('c'), { kind: 'history' });
      await settle(log);
      expect(log.eventCount).toBe(2);
      expect(log.eventCapacity).toBe(2);
      expect(log.oldestEventId).toBe(b.id);
      // `a` fell out, but a reader that saw it missed nothing that is gone.
      expect(keptAfter(log.eventsAfter(a.id))).toEqual({
        complete: true,
        events: keptAll([b, c]),
      });
      expect(log.eventsAfter(a.id - 1)).toEqual({ complete: false, events: [] });
      // An id far beyond this log's newest is another log's (or another run's).
      expect(log.eventsAfter(c.id + 1e9)).toEqual({ complete: false, events: [] });
      if (isSharedEventLog(log)) {
        // A shared log takes an id a little ahead of its newest as one another instance delivered
        // a moment before this one (a client that switched instances): nothing missing, on its way.
        expect(log.isAhead(c.id + 1000)).toBe(true);
        expect(log.eventsAfter(c.id + 1000)).toEqual({ complete: true, events: [] });
      } else {
        expect(log.eventsAfter(c.id + 1000)).toEqual({ complete: false, events: [] });
      }
      expect(kept(log.event(b.id)!)).toEqual(kept(b));
      expect(log.event(a.id)).toBeUndefined();
      expect(keptAll(log.latestEvents(1))).toEqual([kept(c)]);
    });

    it('reads the events after an id a page at a time: with a limit, the oldest that many', async () => {
      const log = await create(10);
      const ids = ['a', 'b', 'c', 'd', 'e'].map(
        (user) => log.append(follow(user), { kind: 'history' }).id,
      );
      await settle(log);
      const page = (after: number, limit: number) => {
        const read = log.eventsAfter(after, null, limit);
        return { complete: read.complete, ids: read.events.map((event) => event.id) };
      };
      expect(page(ids[0]!, 2)).toEqual({ complete: true, ids: ids.slice(1, 3) });
      expect(page(ids[2]!, 2)).toEqual({ complete: true, ids: ids.slice(3, 5) });
      expect(page(ids[3]!, 2)).toEqual({ complete: true, ids: ids.slice(4) });
      expect(page(ids[4]!, 2)).toEqual({ complete: true, ids: [] });
    });

    it('keeps the latest state per key, oldest first, and no transient message', async () => {
      const log = await create(10);
      log.append(stats(1), { kind: 'state', key: 'stats' });
      const auth = log.append(
        { type: 'status', data: { auth: { state: 'ok' } } },
        { kind: 'state', key: 'status:auth' },
      );
      const latest = log.append(stats(2), { kind: 'state', key: 'stats' });
      log.append({ type: 'control', data: { action: 'skip' } }, { kind: 'transient' });
      await settle(log);
      expect(keptAll(log.states())).toEqual(keptAll([auth, latest]));
      expect(kept(log.state('stats')!)).toEqual(kept(latest));
      expect(log.eventCount).toBe(0);
    });

    describe('eventsPage: the history, newest first', () => {
      const ids = (page: { id: number }[]) => page.map((published) => published.id);
      const event = (type: TwitchEventType, n: number): StreamMessage => ({
        type: 'event',
        event: type,
        data: { n },
      });
      /** A log with follows, a cheer every third event, and state messages in between. */
      async function history() {
        const log = await create(20);
        const follows: number[] = [];
        const cheers: number[] = [];
        for (let n = 0; n < 9; n++) {
          const type = n % 3 === 2 ? 'channel.cheer' : 'channel.follow';
          const { id } = log.append(event(type, n), { kind: 'history' });
          (type === 'channel.cheer' ? cheers : follows).push(id);
          log.append(stats(n), { kind: 'state', key: 'stats' });
        }
        await settle(log);
        return { log, follows, cheers, all: [...follows, ...cheers].sort((a, b) => a - b) };
      }

      it('pages back from the newest with a `before` cursor until nothing is left', async () => {
        const { log, all } = await history();
        const first = log.eventsPage({ limit: 4 });
        expect(ids(first)).toEqual(all.slice(-4).reverse());
        expect(first[0]).toMatchObject({
          message: event('channel.cheer', 8),
          json: log.event(all.at(-1)!)?.json,
        });
        const second = log.eventsPage({ before: first.at(-1)!.id, limit: 4 });
        expect(ids(second)).toEqual(all.slice(-8, -4).reverse());
        const last = log.eventsPage({ before: second.at(-1)!.id, limit: 4 });
        expect(ids(last)).toEqual(all.slice(0, 1));
        expect(log.eventsPage({ before: all[0]!, limit: 4 })).toEqual([]);
      });

      it('pages forward with an `after` cursor: the events right after it, still newest first', async () => {
        const { log, all } = await history();
        expect(ids(log.eventsPage({ after: all[1]!, limit: 3 }))).toEqual(
          all.slice(2, 5).reverse(),
        );
        expect(ids(log.eventsPage({ after: all[1]!, before: all[4]!, limit: 10 }))).toEqual(
          all.slice(2, 4).reverse(),
        );
        expect(log.eventsPage({ after: all.at(-1)!, limit: 10 })).toEqual([]);
      });

      it('reads only the event types asked for, through the same cursors', async () => {
        const { log, follows, cheers } = await history();
        const wanted = (...types: TwitchEventType[]) => new Set(types);
        expect(ids(log.eventsPage({ types: wanted('channel.cheer'), limit: 2 }))).toEqual(
          cheers.slice(-2).reverse(),
        );
        expect(
          ids(log.eventsPage({ types: wanted('channel.follow'), before: follows[3]!, limit: 2 })),
        ).toEqual([follows[2]!, follows[1]!]);
        expect(
          ids(log.eventsPage({ types: wanted('channel.follow'), after: follows[3]!, limit: 1 })),
        ).toEqual([follows[4]!]);
        // Two types interleave by id.
        const both = log.eventsPage({
          types: wanted('channel.follow', 'channel.cheer'),
          limit: 4,
        });
        expect(ids(both)).toEqual(ids(log.eventsPage({ limit: 4 })));
        expect(log.eventsPage({ types: wanted('channel.raid'), limit: 5 })).toEqual([]);
        expect(log.eventsPage({ types: new Set(), limit: 5 })).toEqual([]);
      });

      it('holds only what the log still keeps', async () => {
        const log = await create(3);
        const appended = [0, 1, 2, 3, 4].map(
          (n) => log.append(event('channel.follow', n), { kind: 'history' }).id,
        );
        await settle(log);
        expect(ids(log.eventsPage({ limit: 10 }))).toEqual(appended.slice(2).reverse());
        expect(ids(log.eventsPage({ after: 0, limit: 10 }))).toEqual(appended.slice(2).reverse());
      });
    });
    describe('chat: kept apart, under its own retention', () => {
      const HOUR = 3_600_000;
      const FOLLOWS = new Set<TwitchEventType>(['channel.follow']);
      const CHAT = new Set<TwitchEventType>(['channel.chat.message']);
      const ids = (read: { id: number }[]) => read.map(({ id }) => id);
      const idsAfter = ({ complete, events }: LogReadAfter) => ({ complete, ids: ids(events) });
      const fakeClock = () => {
        let time = Date.UTC(2026, 10, 26, 17);
        return { now: () => time, advance: (ms: number) => (time += ms) };
      };

      it('a flood of chat never pushes an event out: chat goes by its own count, and readers are told exactly what they lost', async () => {
        const clock = fakeClock();
        const log = await create(3, {
          retention: { maxMessages: 5, maxAgeMs: HOUR },
          now: clock.now,
        });
        const first = log.append(follow('a'), { kind: 'history' });
        const chat = Array.from({ length: 20 }, (_, n) =>
          log.append(chatMessage(n), { kind: 'chat' }),
        );
        const second = log.append(follow('b'), { kind: 'history' });
        await settle(log);
        expect([log.eventCount, log.chatEventCount, log.chatEventCapacity]).toEqual([2, 5, 5]);
        expect(log.oldestEventId).toBe(first.id);
        // An alert box resuming from before the flood gets every follow it missed, and no chat.
        expect(idsAfter(log.eventsAfter(first.id - 1, FOLLOWS))).toEqual({
          complete: true,
          ids: [first.id, second.id],
        });
        // A chat box gets the chat that is kept after its id, or is told it lost some.
        expect(idsAfter(log.eventsAfter(chat[14]!.id, CHAT))).toEqual({
          complete: true,
          ids: ids(chat.slice(15)),
        });
        expect(log.eventsAfter(chat[13]!.id, CHAT)).toEqual({ complete: false, events: [] });
        // A reader of everything gets both, merged by id, while none of it is gone.
        expect(idsAfter(log.eventsAfter(chat[14]!.id))).toEqual({
          complete: true,
          ids: [...ids(chat.slice(15)), second.id],
        });
        expect(idsAfter(log.eventsAfter(chat[14]!.id, null, 2))).toEqual({
          complete: true,
          ids: ids(chat.slice(15, 17)),
        });
        expect(log.eventsAfter(first.id - 1)).toEqual({ complete: false, events: [] });
        expect(log.event(chat[0]!.id)).toBeUndefined();
        expect(kept(log.event(chat[19]!.id)!)).toEqual(kept(chat[19]!));
      });

      it('lets chat go by its age, and keeps the other events', async () => {
        const clock = fakeClock();
        const minute = 60_000;
        const log = await create(10, {
          retention: { maxMessages: 100, maxAgeMs: minute },
          now: clock.now,
        });
        const first = log.append(follow('a'), { kind: 'history' });
        const old = [0, 1].map((n) => log.append(chatMessage(n), { kind: 'chat' }));
        await settle(log);
        clock.advance(minute + 1);
        const young = log.append(chatMessage(2), { kind: 'chat' });
        const second = log.append(follow('b'), { kind: 'history' });
        await settle(log);
        expect(log.chatEventCount).toBe(1);
        expect(idsAfter(log.eventsAfter(old[1]!.id, CHAT))).toEqual({
          complete: true,
          ids: [young.id],
        });
        expect(log.eventsAfter(old[0]!.id, CHAT).complete).toBe(false);
        expect(idsAfter(log.eventsAfter(first.id - 1, FOLLOWS))).toEqual({
          complete: true,
          ids: [first.id, second.id],
        });
        expect(ids(log.eventsPage({ limit: 10 }))).toEqual([second.id, young.id, first.id]);
      });

      it('reads both histories merged by id: the newest events, and pages of the history by type', async () => {
        const clock = fakeClock();
        const log = await create(10, {
          retention: { maxMessages: 10, maxAgeMs: HOUR },
          now: clock.now,
        });
        const [f1, c1, f2, c2] = [
          log.append(follow('a'), { kind: 'history' }),
          log.append(chatMessage(1), { kind: 'chat' }),
          log.append(follow('b'), { kind: 'history' }),
          log.append(chatMessage(2), { kind: 'chat' }),
        ].map(({ id }) => id);
        await settle(log);
        expect(ids(log.latestEvents(3))).toEqual([c1, f2, c2]);
        expect(ids(log.latestEvents(3, FOLLOWS))).toEqual([f1, f2]);
        expect(ids(log.latestEvents(1, CHAT))).toEqual([c2]);
        expect(ids(log.eventsPage({ limit: 10 }))).toEqual([c2, f2, c1, f1]);
        expect(ids(log.eventsPage({ before: c2, limit: 2 }))).toEqual([f2, c1]);
        expect(ids(log.eventsPage({ after: f1, limit: 2 }))).toEqual([f2, c1]);
        expect(ids(log.eventsPage({ types: FOLLOWS, limit: 10 }))).toEqual([f2, f1]);
        expect(ids(log.eventsPage({ types: CHAT, limit: 10 }))).toEqual([c2, c1]);
        expect(log.event(c1!)?.message).toEqual(chatMessage(1));
      });
    });
  });
}
