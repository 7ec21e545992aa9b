import { copyIdentity, type CopyIdentity } from './event-identity.js';
import {
  SessionCopyDeduplicator,
  type CopyVerdict,
  type EventCopy,
} from './session-copy-deduplicator.js';

const WINDOW_MS = 10 * 60 * 1000;
const anonymousCheer = {
  is_anonymous: true,
  user_id: null,
  user_login: null,
  user_name: null,
  broadcaster_user_id: '1',
  message: 'Cheer100',
  bits: 100,
};
const cheer = copyIdentity('channel.cheer', anonymousCheer);

describe('SessionCopyDeduplicator', () => {
  let now = 5_000_000;
  const clock = () => now;
  let ids = 0;
  /** A copy from `session`, each with its own message_id (as Twitch gives each subscription's). */
  const copy = (session: string, identity: CopyIdentity = cheer) => ({
    session,
    identity,
    messageId: `${session}-${++ids}`,
  });

  /** The log's ids, as the leader gives them out. */
  let logIds = 0;
  const admit = (dedupe: SessionCopyDeduplicator, one: EventCopy) =>
    dedupe.admit(one, () => ++logIds);

  beforeEach(() => {
    now = 5_000_000;
  });

  it("logs the leader's copy and drops the standby's when the leader's arrives first", () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('standby'))).toBe('copy');
  });

  it("logs the standby's copy and drops the leader's when the standby's arrives first", () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    expect(admit(dedupe, copy('standby'))).toBe('new');
    expect(admit(dedupe, copy('leader'))).toBe('copy');
  });

  it('logs two alike anonymous cheers twice, whichever way the copies interleave', () => {
    // Every order in which two sessions' copies of two alike cheers can arrive, each session's
    // own copies in the order it received them.
    const orders = [
      ['L', 'L', 'S', 'S'],
      ['L', 'S', 'L', 'S'],
      ['L', 'S', 'S', 'L'],
      ['S', 'L', 'L', 'S'],
      ['S', 'L', 'S', 'L'],
      ['S', 'S', 'L', 'L'],
    ];
    for (const order of orders) {
      const dedupe = new SessionCopyDeduplicator(clock);
      const verdicts = order.map((session) => admit(dedupe, copy(session)));
      expect(verdicts.filter((verdict) => verdict === 'new')).toHaveLength(2);
      // The first copy of each cheer is the one logged: the n-th `new` is the first n-th copy.
      const seen = { L: 0, S: 0 };
      const expected: CopyVerdict[] = order.map((session) => {
        const before = Math.max(seen.L, seen.S);
        seen[session as 'L' | 'S']++;
        return Math.max(seen.L, seen.S) > before ? 'new' : 'copy';
      });
      expect(verdicts).toEqual(expected);
    }
  });

  it('logs three alike cheers three times when one session runs far ahead of the other', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    const ahead = [1, 2, 3].map(() => admit(dedupe, copy('standby')));
    const behind = [1, 2, 3].map(() => admit(dedupe, copy('leader')));
    expect(ahead).toEqual(['new', 'new', 'new']);
    expect(behind).toEqual(['copy', 'copy', 'copy']);
  });

  it('a session that joined late is even with the log: its copy of the next cheer is logged if it comes first', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    dedupe.joined('leader');
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('leader'))).toBe('new');
    // The standby connects now: it never gets those two.
    dedupe.joined('standby');
    expect(admit(dedupe, copy('standby'))).toBe('new');
    expect(admit(dedupe, copy('leader'))).toBe('copy');
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('standby'))).toBe('copy');
  });

  it('a standby whose join reaches the leader late counts only what was logged before it joined', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    dedupe.joined('leader');
    expect(admit(dedupe, copy('leader'))).toBe('new');
    const readByStandby = logIds; // the standby joins having read the log up to here
    // The leader logs its copy of a second alike cheer before the standby's join reaches it...
    expect(admit(dedupe, copy('leader'))).toBe('new');
    dedupe.joined('standby', readByStandby);
    // ...so the standby's copy of that cheer is a copy, not a third cheer.
    expect(admit(dedupe, copy('standby'))).toBe('copy');
    expect(admit(dedupe, copy('standby'))).toBe('new');
    expect(admit(dedupe, copy('leader'))).toBe('copy');
  });

  it('a session never announced counts from zero: its copies are dropped while the other delivers them, never logged twice', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('leader'))).toBe('new');
    // A third alike cheer: the late session's copy looks like the first one, the leader's is new.
    expect(admit(dedupe, copy('late'))).toBe('copy');
    expect(admit(dedupe, copy('leader'))).toBe('new');
  });

  it('a session that lost events in a drop joins again and counts on from the log', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    dedupe.joined('leader');
    dedupe.joined('standby');
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('standby'))).toBe('copy');
    // The leader's session drops; the standby alone delivers two alike cheers meanwhile.
    expect(admit(dedupe, copy('standby'))).toBe('new');
    expect(admit(dedupe, copy('standby'))).toBe('new');
    dedupe.joined('leader');
    // The next one reaches the leader first: logged, though its own count is only 2.
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('standby'))).toBe('copy');
  });

  it("drops Twitch's re-send of a message_id, and does not count it", () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    const first = copy('leader');
    expect(admit(dedupe, first)).toBe('new');
    expect(admit(dedupe, first)).toBe('resent');
    expect(admit(dedupe, { ...first, session: 'standby' })).toBe('resent');
    // The re-send did not move the leader's count: the standby's copy is still the first cheer's.
    expect(admit(dedupe, copy('standby'))).toBe('copy');
    expect(admit(dedupe, copy('leader'))).toBe('new');
  });

  it('logs an event with a descriptor identity once, even sent again under a new message_id', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    const follow = copyIdentity('channel.follow', {
      user_id: '42',
      followed_at: '2026-12-01T10:00:00.123Z',
    });
    expect(follow.unique).toBe(true);
    expect(admit(dedupe, copy('leader', follow))).toBe('new');
    expect(admit(dedupe, copy('leader', follow))).toBe('copy');
    expect(admit(dedupe, copy('standby', follow))).toBe('copy');
  });

  it('tells different events apart', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    const other = copyIdentity('channel.cheer', { ...anonymousCheer, message: 'Cheer100 gg' });
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('standby', other))).toBe('new');
    expect(admit(dedupe, copy('standby'))).toBe('copy');
    expect(admit(dedupe, copy('leader', other))).toBe('copy');
  });

  it('forgets an identity a window after it was last seen, and counts from zero again', () => {
    const dedupe = new SessionCopyDeduplicator(clock);
    expect(admit(dedupe, copy('leader'))).toBe('new');
    expect(admit(dedupe, copy('standby'))).toBe('copy');
    now += WINDOW_MS;
    expect(admit(dedupe, copy('standby'))).toBe('new');
    expect(admit(dedupe, copy('leader'))).toBe('copy');
    now += WINDOW_MS + 1000;
    admit(dedupe, copy('leader', copyIdentity('channel.raid', { from_broadcaster_user_id: '9' })));
    expect(dedupe.size.identities).toBe(1);
  });

  it("the standby's own copies are pending until the log holds them", () => {
    const shadow = new SessionCopyDeduplicator(clock);
    shadow.joined('standby');
    const first = shadow.place(copy('standby'));
    const second = shadow.place(copy('standby'));
    expect([first, second]).toEqual([1, 2]);
    expect(shadow.isLogged(cheer, 1)).toBe(false);
    shadow.noteLogged(cheer, ++logIds); // the leader logged one alike cheer (its copy or this one)
    expect(shadow.isLogged(cheer, 1)).toBe(true);
    expect(shadow.isLogged(cheer, 2)).toBe(false);
    // The standby takes over: it logs what the log lacks, and counts on from there.
    shadow.noteLogged(cheer, ++logIds);
    expect(admit(shadow, copy('standby'))).toBe('new');
  });

  it('a standby that joins late does not take the log’s earlier alike cheers for its own', () => {
    const shadow = new SessionCopyDeduplicator(clock);
    shadow.noteLogged(cheer, ++logIds);
    shadow.noteLogged(cheer, ++logIds);
    shadow.joined('standby');
    const place = shadow.place(copy('standby'));
    expect(place).toBe(3);
    expect(shadow.isLogged(cheer, place as number)).toBe(false);
    shadow.noteLogged(cheer, ++logIds);
    expect(shadow.isLogged(cheer, place as number)).toBe(true);
  });

  it('joining again keeps the places of copies the log does not hold yet', () => {
    const shadow = new SessionCopyDeduplicator(clock);
    shadow.joined('standby');
    expect(shadow.place(copy('standby'))).toBe(1);
    shadow.joined('standby');
    expect(shadow.place(copy('standby'))).toBe(2);
  });
});

describe('copyIdentity', () => {
  it('is the same for the same event whatever the key order, and differs for another', () => {
    const reordered = Object.fromEntries(Object.entries(anonymousCheer).reverse());
    expect(copyIdentity('channel.cheer', reordered)).toEqual(cheer);
    expect(cheer.unique).toBe(false);
    expect(copyIdentity('channel.cheer', { ...anonymousCheer, bits: 101 }).key).not.toBe(cheer.key);
    expect(copyIdentity('channel.bits.use', anonymousCheer).key).not.toBe(cheer.key);
  });

  it('looks inside nested objects and arrays', () => {
    const message = (text: string) => ({ message: { text, fragments: [{ type: 'text', text }] } });
    expect(copyIdentity('channel.bits.use', message('a')).key).toBe(
      copyIdentity('channel.bits.use', message('a')).key,
    );
    expect(copyIdentity('channel.bits.use', message('a')).key).not.toBe(
      copyIdentity('channel.bits.use', message('b')).key,
    );
  });
});
