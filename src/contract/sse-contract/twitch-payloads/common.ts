// What the event objects of several EventSub types share.

/** Twitch's user fields as `broadcaster_user_*` (every event is about the broadcaster's channel). */
export interface BroadcasterFields {
  broadcaster_user_id: string;
  broadcaster_user_login: string;
  broadcaster_user_name: string;
}

/** A sub tier as Twitch spells it: `1000` is Tier 1 (and Prime), `2000` Tier 2, `3000` Tier 3. */
export type SubTier = '1000' | '2000' | '3000';

/** A viewer as Twitch's event objects name them inside lists. */
export interface TwitchUserFields {
  user_id: string;
  user_login: string;
  user_name: string;
}
