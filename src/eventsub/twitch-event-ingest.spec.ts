import { jest } from '@jest/globals';
import { Subject } from 'rxjs';
import { HandedLeadership } from '../../test/support/handed-leadership.js';
import { EventBus } from '../bus/event-bus.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import { SoleInstance } from '../leadership/leadership.js';
import type { EventMessage } from '../contract/sse-contract.js';
import {
  TwitchEventIngest,
  type DroppedDuplicate,
  type ReceivedTwitchEvent,
} from './twitch-event-ingest.js';
import { JOIN_HOLD_MS } from './joining-sessions.js';
import { StandbyRelay, type StandbyItem } from './standby-relay.js';

const follow = (user: string) => ({
  user_id: user,
  user_login: user,
  followed_at: '2026-12-06T12:00:00.123Z',
});
const cheer = { user_id: '7', bits: 100, message: 'Cheer100' };

describe('TwitchEventIngest: where every notification enters, once', () => {
  let bus: EventBus;
  let ingest: TwitchEventIngest;
  let published: EventMessage[];
  let received: ReceivedTwitchEvent[];
  let dropped: DroppedDuplicate[];

  beforeEach(() => {
    bus = new EventBus(new MemoryEventLog(100));
    ingest = new TwitchEventIngest(bus, new SoleInstance('test'));
    published = [];
    received = [];
    dropped = [];
    bus.messages$.subscribe(({ message }) => {
      if (message.type === 'event') published.push(message);
    });
    ingest.events$.subscribe((event) => received.push(event));
    ingest.duplicates$.subscribe((duplicate) => dropped.push(duplicate));
  });

  it('publishes Twitch’s event object as it came, then tells the projections with its id', () => {
    ingest.receive({ type: 'channel.follow', data: follow('ann'), messageId: 'm1', receivedAt: 5 });
    expect(published).toEqual([
      { type: 'event', event: 'channel.follow', data: follow('ann'), sentAt: expect.any(String) },
    ]);
    expect(received).toEqual([
      { type: 'channel.follow', data: follow('ann'), publishedId: bus.lastId },
    ]);
  });

  it('only counts a redelivered message_id, which Twurple drops', () => {
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm1' });
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm1', redelivered: true });
    expect(published).toHaveLength(1);
    expect(dropped).toEqual([
      { type: 'channel.cheer', reason: 'message_id', messageId: 'm1', firstMessageId: 'm1' },
    ]);
  });

  it('drops the same follow sent again under a new message_id, naming the first one', () => {
    ingest.receive({ type: 'channel.follow', data: follow('ann'), messageId: 'm1' });
    ingest.receive({ type: 'channel.follow', data: follow('ann'), messageId: 'm2' });
    expect(published).toHaveLength(1);
    expect(dropped).toEqual([
      { type: 'channel.follow', reason: 'event_identity', messageId: 'm2', firstMessageId: 'm1' },
    ]);
  });

  it('publishes two alike cheers under two message_ids: nothing identifies a cheer, and a paid alert is never guessed away', () => {
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm1' });
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm2' });
    expect(published).toHaveLength(2);
    expect(dropped).toEqual([]);
  });

  it('de-duplicates chat by the message’s own message_id only: the same words twice are two messages', () => {
    const chat = (messageId: string) => ({
      chatter_user_id: '7',
      chatter_user_login: 'ann',
      message_id: messageId,
      message: { text: 'gg', fragments: [] },
    });
    ingest.receive({ type: 'channel.chat.message', data: chat('c1'), messageId: 'm1' });
    ingest.receive({ type: 'channel.chat.message', data: chat('c2'), messageId: 'm2' });
    // Twitch sent c1 again under a new EventSub message_id.
    ingest.receive({ type: 'channel.chat.message', data: chat('c1'), messageId: 'm3' });
    expect(published.map(({ data }) => data.message_id)).toEqual(['c1', 'c2']);
    expect(dropped).toEqual([
      {
        type: 'channel.chat.message',
        reason: 'event_identity',
        messageId: 'm3',
        firstMessageId: 'm1',
      },
    ]);
    // Kept as chat, apart from the other events.
    expect(bus.chatWindow.size).toBe(2);
    expect(bus.replayWindow.size).toBe(0);
  });

  it('drops EventSub delivering late what was recovered through Helix after a gap', () => {
    const gap = { start: '2026-12-06T11:59:00.000Z', end: '2026-12-06T12:01:00.000Z' };
    const sub = { user_id: '9', user_login: 'cy', tier: '1000', is_gift: false };
    expect(ingest.receiveRecovered('channel.follow', follow('bea'), gap)).toBe(true);
    expect(ingest.receiveRecovered('channel.subscribe', sub, gap)).toBe(true);
    ingest.receive({ type: 'channel.follow', data: follow('bea'), messageId: 'late-1' });
    ingest.receive({ type: 'channel.subscribe', data: sub, messageId: 'late-2' });
    expect(published.map((message) => message.recovered ?? false)).toEqual([true, true]);
    // A follow is known by its viewer and time; a sub, which has no identity, by what Helix listed.
    expect(dropped.map((duplicate) => duplicate.reason)).toEqual(['event_identity', 'recovered']);
    // And the other way round: what was published is not recovered again.
    expect(ingest.receiveRecovered('channel.follow', follow('bea'), gap)).toBe(false);
  });
});

/** The standby's way to the leader, in memory: what was forwarded, and what the leader reads. */
class MemoryStandbyRelay extends StandbyRelay {
  readonly sent: StandbyItem[] = [];
  readonly items = new Subject<StandbyItem>();
  readonly forwarded$ = this.items.asObservable();

  forward(item: StandbyItem): void {
    this.sent.push(item);
  }
}

describe('TwitchEventIngest among several instances: the leader and the hot standby', () => {
  const anonymousCheer = { is_anonymous: true, user_id: null, bits: 100, message: 'Cheer100' };
  const cheerFrom = (user: string) => ({ user_id: user, user_login: user, bits: 100 });

  /** An instance's ingest over a bus of its own, with the role `role`, started as Nest would. */
  function instance(role: 'leader' | 'standby', id: string) {
    const bus = new EventBus(new MemoryEventLog(100));
    const leadership = new HandedLeadership(role, id);
    const relay = new MemoryStandbyRelay();
    const ingest = new TwitchEventIngest(bus, leadership, relay);
    ingest.onApplicationBootstrap();
    const published: EventMessage[] = [];
    bus.messages$.subscribe(({ message }) => {
      if (message.type === 'event') published.push(message);
    });
    const dropped: DroppedDuplicate[] = [];
    ingest.duplicates$.subscribe((duplicate) => dropped.push(duplicate));
    return { bus, leadership, relay, ingest, published, dropped };
  }

  it('the standby publishes nothing: it hands its session’s joining and each notification to the leader', () => {
    const standby = instance('standby', 'b');
    standby.ingest.sessionJoined();
    standby.ingest.receive({ type: 'channel.cheer', data: cheerFrom('ann'), messageId: 'b1' });
    standby.ingest.receive({
      type: 'channel.cheer',
      data: cheerFrom('ann'),
      messageId: 'b1',
      redelivered: true,
    });
    expect(standby.published).toEqual([]);
    expect(standby.relay.sent).toEqual([
      { kind: 'joined', session: 'b', upToLogId: standby.bus.lastId },
      {
        kind: 'copy',
        session: 'b',
        type: 'channel.cheer',
        data: cheerFrom('ann'),
        messageId: 'b1',
      },
    ]);
  });

  it('the leader publishes whichever copy comes first, its own or the standby’s, once', () => {
    const leader = instance('leader', 'a');
    leader.ingest.sessionJoined();
    leader.relay.items.next({ kind: 'joined', session: 'b', upToLogId: 0 });
    const standbyCopy = (data: Record<string, unknown>, messageId: string) =>
      leader.relay.items.next({
        kind: 'copy',
        session: 'b',
        type: 'channel.cheer',
        data,
        messageId,
      });
    // Its own first, then the standby's.
    leader.ingest.receive({ type: 'channel.cheer', data: cheerFrom('ann'), messageId: 'a1' });
    standbyCopy(cheerFrom('ann'), 'b1');
    // The standby's first, then its own.
    standbyCopy(cheerFrom('bo'), 'b2');
    leader.ingest.receive({ type: 'channel.cheer', data: cheerFrom('bo'), messageId: 'a2' });
    expect(leader.published.map((message) => message.data.user_login)).toEqual(['ann', 'bo']);
    expect(leader.dropped.map(({ reason, messageId }) => `${reason} ${messageId}`)).toEqual([
      'other_session b1',
      'other_session a2',
    ]);
  });

  it('the leader publishes two alike anonymous cheers twice, each session delivering both', () => {
    const leader = instance('leader', 'a');
    leader.ingest.sessionJoined();
    leader.relay.items.next({ kind: 'joined', session: 'b', upToLogId: 0 });
    leader.ingest.receive({ type: 'channel.cheer', data: anonymousCheer, messageId: 'a1' });
    leader.relay.items.next({
      kind: 'copy',
      session: 'b',
      type: 'channel.cheer',
      data: anonymousCheer,
      messageId: 'b1',
    });
    leader.relay.items.next({
      kind: 'copy',
      session: 'b',
      type: 'channel.cheer',
      data: anonymousCheer,
      messageId: 'b2',
    });
    leader.ingest.receive({ type: 'channel.cheer', data: anonymousCheer, messageId: 'a2' });
    expect(leader.published).toHaveLength(2);
    expect(leader.dropped.map(({ messageId }) => messageId)).toEqual(['b1', 'a2']);
  });

  it('a standby that takes the lead publishes, live and in order, what it received and the log lacks', () => {
    const standby = instance('standby', 'b');
    standby.ingest.sessionJoined();
    // The old leader logged ann's cheer; bo's and cy's it received too late, or never wrote.
    for (const user of ['ann', 'bo', 'cy'])
      standby.ingest.receive({ type: 'channel.cheer', data: cheerFrom(user), messageId: user });
    standby.bus.publishEvent({ type: 'event', event: 'channel.cheer', data: cheerFrom('ann') });
    const received: ReceivedTwitchEvent[] = [];
    standby.ingest.events$.subscribe((event) => received.push(event));

    standby.leadership.set('leader');
    expect(standby.published.map((message) => message.data.user_login)).toEqual([
      'ann',
      'bo',
      'cy',
    ]);
    expect(received.map((event) => [event.data.user_login, event.recovered])).toEqual([
      ['bo', undefined],
      ['cy', undefined],
    ]);
    // Its session goes on: the next notification is published at once, a repeat is not.
    standby.ingest.receive({ type: 'channel.cheer', data: cheerFrom('dee'), messageId: 'dee' });
    standby.ingest.receive({ type: 'channel.cheer', data: cheerFrom('cy'), messageId: 'cy' });
    expect(standby.published.map((message) => message.data.user_login)).toEqual([
      'ann',
      'bo',
      'cy',
      'dee',
    ]);
  });

  it('a standby that takes the lead publishes the third of three alike cheers when the log holds two', () => {
    const standby = instance('standby', 'b');
    // One alike cheer went by before the standby joined; it never gets that one.
    standby.bus.publishEvent({ type: 'event', event: 'channel.cheer', data: anonymousCheer });
    standby.ingest.sessionJoined();
    for (const id of ['b1', 'b2'])
      standby.ingest.receive({ type: 'channel.cheer', data: anonymousCheer, messageId: id });
    standby.bus.publishEvent({ type: 'event', event: 'channel.cheer', data: anonymousCheer });
    standby.leadership.set('leader');
    expect(standby.published).toHaveLength(3);
  });
});

describe('TwitchEventIngest: a session that rejoins does not overtake the other’s copies', () => {
  const cheerFrom = (user: string) => ({ user_id: user, user_login: user, bits: 100 });

  function leaderWithStandby() {
    const bus = new EventBus(new MemoryEventLog(100));
    const relay = new MemoryStandbyRelay();
    const ingest = new TwitchEventIngest(bus, new HandedLeadership('leader', 'a'), relay);
    ingest.onApplicationBootstrap();
    const published: string[] = [];
    bus.messages$.subscribe(({ message }) => {
      if (message.type === 'event') published.push(String(message.data.user_login));
    });
    ingest.sessionJoined();
    relay.items.next({ kind: 'joined', session: 'b', upToLogId: bus.lastId });
    const own = (user: string) =>
      ingest.receive({ type: 'channel.cheer', data: cheerFrom(user), messageId: `a-${user}` });
    const standby = (user: string) =>
      relay.items.next({
        kind: 'copy',
        session: 'b',
        type: 'channel.cheer',
        data: cheerFrom(user),
        messageId: `b-${user}`,
      });
    return { ingest, published, own, standby };
  }

  afterEach(() => {
    jest.useRealTimers();
  });

  it('holds the leader’s copies after its session rejoins until the standby delivers the same event', () => {
    const { ingest, published, own, standby } = leaderWithStandby();
    standby('ann');
    own('ann');
    // The leader's session drops: bo's cheer reaches only the standby, whose copy is on its way.
    ingest.sessionJoined();
    own('cy'); // the rejoined session's first: it must not overtake bo
    expect(published).toEqual(['ann']);
    standby('bo');
    expect(published).toEqual(['ann', 'bo']);
    standby('cy');
    own('dee'); // aligned now: straight through
    expect(published).toEqual(['ann', 'bo', 'cy', 'dee']);
    standby('dee');
    expect(published).toEqual(['ann', 'bo', 'cy', 'dee']);
  });

  it('lets the held copies go, in order, when the standby does not deliver them', () => {
    jest.useFakeTimers();
    const { ingest, published, own } = leaderWithStandby();
    ingest.sessionJoined();
    own('ann');
    own('bo');
    expect(published).toEqual([]);
    jest.advanceTimersByTime(JOIN_HOLD_MS);
    expect(published).toEqual(['ann', 'bo']);
    own('cy');
    expect(published).toEqual(['ann', 'bo', 'cy']);
  });

  it('holds nothing of a leader without a standby', () => {
    const bus = new EventBus(new MemoryEventLog(100));
    const ingest = new TwitchEventIngest(bus, new HandedLeadership('leader', 'a'));
    ingest.onApplicationBootstrap();
    ingest.sessionJoined();
    ingest.sessionJoined();
    ingest.receive({ type: 'channel.cheer', data: cheerFrom('ann'), messageId: 'a1' });
    expect(bus.recentEvents(10)).toHaveLength(1);
  });
});

describe('TwitchEventIngest: whether the standby covered the leader’s own gap', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('says so when the standby, joined before the gap, delivered during it; not once it joined again', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const bus = new EventBus(new MemoryEventLog(100));
    const relay = new MemoryStandbyRelay();
    const ingest = new TwitchEventIngest(bus, new HandedLeadership('leader', 'a'), relay);
    ingest.onApplicationBootstrap();
    const standbyCopy = (n: number) =>
      relay.items.next({
        kind: 'copy',
        session: 'b',
        type: 'channel.cheer',
        data: { user_id: String(n), bits: 1 },
        messageId: `b-${n}`,
      });
    expect(ingest.standbyReceivedSince(Date.now())).toBe(false); // no standby
    relay.items.next({ kind: 'joined', session: 'b', upToLogId: bus.lastId });
    jest.advanceTimersByTime(1000);
    const gapStart = Date.now();
    expect(ingest.standbyReceivedSince(gapStart)).toBe(false); // nothing delivered since
    jest.advanceTimersByTime(500);
    standbyCopy(1);
    expect(ingest.standbyReceivedSince(gapStart)).toBe(true);
    // The standby's own session dropped and joined again within the gap: it missed some too.
    relay.items.next({ kind: 'joined', session: 'b', upToLogId: bus.lastId });
    standbyCopy(2);
    expect(ingest.standbyReceivedSince(gapStart)).toBe(false);
  });
});
