import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import { reconcileGap } from './gap-reconciler.js';
import type {
  BitsRecord,
  FollowerRecord,
  HelixGapReader,
  StreamRecord,
  SubscriberRecord,
} from './helix-gap-reader.js';
import { emptyRecoveryState, type RecoveryState } from './recovery-state.js';

const ALL_SCOPES = ['moderator:read:followers', 'channel:read:subscriptions', 'bits:read'];
const session = (scopes = ALL_SCOPES) =>
  ({
    userId: '1',
    broadcaster: { id: '1', login: 'streamer', displayName: 'Streamer' },
    scopes,
  }) as unknown as ActiveTwitchSession;

const gap = { start: new Date('2026-12-01T10:00:00Z'), end: new Date('2026-12-01T10:05:00Z') };
const follower = (id: string, at: string): FollowerRecord => ({
  user_id: id,
  user_login: `u${id}`,
  user_name: `U${id}`,
  followed_at: at,
});
const subscriber = (id: string, isGift = false): SubscriberRecord => ({
  user_id: id,
  user_login: `u${id}`,
  user_name: `U${id}`,
  tier: '1000',
  is_gift: isGift,
  gifter_id: null,
  gifter_login: null,
  gifter_name: null,
});
const bits = (id: string, score: number): BitsRecord => ({
  user_id: id,
  user_login: `u${id}`,
  user_name: `U${id}`,
  score,
});

/** A Helix that answers from lists, and counts how far the followers were paged. */
function helix(now: {
  followers?: FollowerRecord[];
  subscribers?: SubscriberRecord[];
  bits?: BitsRecord[];
  stream?: StreamRecord | null;
}) {
  const asked: string[] = [];
  const reader = {
    followersSince: (_: unknown, since: Date) => {
      asked.push(`followers since ${since.toISOString()}`);
      return Promise.resolve((now.followers ?? []).filter((f) => new Date(f.followed_at) >= since));
    },
    subscribers: () => Promise.resolve(now.subscribers ?? []),
    bitsLeaderboard: () =>
      Promise.resolve({ entries: now.bits ?? [], total: now.bits?.length ?? 0 }),
    stream: () => Promise.resolve(now.stream ?? null),
  } as unknown as HelixGapReader;
  return { reader, asked };
}

const known = (state: Partial<RecoveryState>): RecoveryState => ({
  ...emptyRecoveryState(),
  subscribers: [],
  bits: {},
  bitsComplete: true,
  live: false,
  ...state,
});

describe('reconcileGap', () => {
  it('rebuilds the follows of the gap, oldest first, in EventSub’s shape', async () => {
    const { reader, asked } = helix({
      followers: [
        follower('3', '2026-12-01T10:04:00Z'),
        follower('2', '2026-12-01T10:01:00Z'),
        follower('1', '2026-12-01T09:58:00Z'),
      ],
    });
    const { events } = await reconcileGap(reader, session(), gap.start, known({}));
    expect(events.filter((e) => e.type === 'channel.follow').map((e) => e.data)).toEqual([
      {
        ...follower('2', '2026-12-01T10:01:00Z'),
        broadcaster_user_id: '1',
        broadcaster_user_login: 'streamer',
        broadcaster_user_name: 'Streamer',
      },
      {
        ...follower('3', '2026-12-01T10:04:00Z'),
        broadcaster_user_id: '1',
        broadcaster_user_login: 'streamer',
        broadcaster_user_name: 'Streamer',
      },
    ]);
    expect(asked).toEqual(['followers since 2026-12-01T09:59:59.000Z']);
  });

  it('recovers new subscribers only, gifted ones included, and keeps the new list', async () => {
    const { reader } = helix({
      subscribers: [subscriber('5'), subscriber('6', true), subscriber('7')],
    });
    const result = await reconcileGap(reader, session(), gap.start, known({ subscribers: ['5'] }));
    expect(
      result.events
        .filter((e) => e.type === 'channel.subscribe')
        .map((e) => [e.data.user_id, e.data.is_gift]),
    ).toEqual([
      ['6', true],
      ['7', false],
    ]);
    expect(result.state.subscribers).toEqual(['5', '6', '7']);
  });

  it('recovers one cheer per viewer with the bits the leaderboard gained', async () => {
    const { reader } = helix({ bits: [bits('8', 1500), bits('9', 100), bits('10', 300)] });
    const result = await reconcileGap(
      reader,
      session(),
      gap.start,
      known({ bits: { '8': 1000, '9': 100 } }),
    );
    expect(
      result.events
        .filter((e) => e.type === 'channel.cheer')
        .map((e) => [e.data.user_id, e.data.bits]),
    ).toEqual([
      ['8', 500],
      ['10', 300],
    ]);
    expect(result.missing.join(' ')).toMatch(/cheer messages and anonymous cheers/);
  });

  it('does not invent a cheer for a viewer who only entered a full leaderboard', async () => {
    const { reader } = helix({ bits: [bits('8', 1500)] });
    const result = await reconcileGap(
      reader,
      session(),
      gap.start,
      known({ bits: { '9': 2000 }, bitsComplete: false }),
    );
    expect(result.events).toEqual([]);
  });

  it('says the stream went online or offline in the gap', async () => {
    const online = await reconcileGap(
      helix({ stream: { id: 's1', started_at: '2026-12-01T10:02:00Z' } }).reader,
      session(),
      gap.start,
      known({ live: false }),
    );
    expect(online.events).toEqual([
      {
        type: 'stream.online',
        data: expect.objectContaining({
          id: 's1',
          type: 'live',
          started_at: '2026-12-01T10:02:00Z',
        }),
      },
    ]);
    const offline = await reconcileGap(
      helix({ stream: null }).reader,
      session(),
      gap.start,
      known({ live: true }),
    );
    expect(offline.events.map((e) => e.type)).toEqual(['stream.offline']);
  });

  it('only takes a baseline on the first look, and always names raids as missing', async () => {
    const { reader, asked } = helix({
      followers: [follower('3', '2026-12-01T10:04:00Z')],
      subscribers: [subscriber('5')],
      bits: [bits('8', 10)],
      stream: null,
    });
    const result = await reconcileGap(reader, session(), null, emptyRecoveryState());
    expect(result.events).toEqual([]);
    expect(asked).toEqual([]); // no gap: the followers list is not paged at all
    expect(result.state).toMatchObject({ subscribers: ['5'], bits: { '8': 10 }, live: false });
    expect(result.missing).toContain('channel.raid');
  });

  it('names what a missing scope keeps it from recovering, and does not ask Helix for it', async () => {
    const { reader, asked } = helix({ followers: [follower('3', '2026-12-01T10:04:00Z')] });
    const result = await reconcileGap(reader, session(['bits:read']), gap.start, known({}));
    expect(asked).toEqual([]);
    expect(result.missing.join(' ')).toMatch(
      /channel.follow \(needs the scope moderator:read:followers\)/,
    );
    expect(result.missing.join(' ')).toMatch(
      /channel.subscribe \(needs the scope channel:read:subscriptions\)/,
    );
  });
});
