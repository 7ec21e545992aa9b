import type { StreamMessage } from '../../src/contract/sse-contract.js';

/** The n-th numbered follow, raid and stats the stream tests publish. */
export const follow = (n: number): StreamMessage => ({
  type: 'event',
  event: 'channel.follow',
  data: { user_login: `follower${n}` },
});
export const raid = (n: number): StreamMessage => ({
  type: 'event',
  event: 'channel.raid',
  data: { from_broadcaster_user_login: `raider${n}`, viewers: n },
});
export const stats = (followers: number): StreamMessage => ({
  type: 'stats',
  data: { live: true, viewers: 1, followers, subs: 0 },
});
