/** A viewer of a sample event, in Twitch's three fields. */
export interface SampleViewer {
  readonly id: string;
  readonly login: string;
  readonly name: string;
}

type Broadcaster = Record<
  'broadcaster_user_id' | 'broadcaster_user_login' | 'broadcaster_user_name',
  string
>;
type User = Record<'user_id' | 'user_login' | 'user_name', string>;

/** What a sample is made from: the channel, the viewer whose turn it is, and the time. */
export interface SampleContext {
  /** The channel's `broadcaster_user_*` fields (a stand-in: a test alert never reaches Twitch). */
  readonly broadcaster: Broadcaster;
  /** The viewer's `user_*` fields. */
  readonly user: User;
  /** Now, as ISO text. */
  readonly now: string;
}

/** The channel a test event is about. */
export const SAMPLE_BROADCASTER: SampleViewer = {
  id: '1000',
  login: 'test_broadcaster',
  name: 'TestBroadcaster',
};

/** Ids that stay the same across test events, so a test poll's progress and end are the same poll. */
export const SAMPLE_IDS = {
  reward: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0001',
  hypeTrain: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0002',
  goal: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0003',
  poll: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0004',
  prediction: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0005',
  charity: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0006',
  choices: ['5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0011', '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0012'],
} as const;

/** The context of a sample for `viewer` at `now`. */
export function sampleContext(viewer: SampleViewer, now: string): SampleContext {
  return {
    broadcaster: {
      broadcaster_user_id: SAMPLE_BROADCASTER.id,
      broadcaster_user_login: SAMPLE_BROADCASTER.login,
      broadcaster_user_name: SAMPLE_BROADCASTER.name,
    },
    user: { user_id: viewer.id, user_login: viewer.login, user_name: viewer.name },
    now,
  };
}

/** The ISO time `minutes` before `iso` (after it, for a negative number). */
export function minutesBefore(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) - minutes * 60_000).toISOString();
}
