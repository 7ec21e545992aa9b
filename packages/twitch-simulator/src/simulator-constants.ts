/**
 * Names and numbers the simulator starts with. Tests, the demo and `npm run trigger` use these so
 * that they can sign in and address the channel without asking the simulator first.
 */

/** The channel every simulator has from the start. */
export const DEFAULT_BROADCASTER = {
  id: '1000',
  login: 'demo_streamer',
  displayName: 'Demo_Streamer',
} as const;

/** A client id the simulator always accepts (Twitch client ids are 30 lower-case characters). */
export const DEFAULT_CLIENT_ID = 'simulatorclientid0000000000000';

/** The client secret that goes with `DEFAULT_CLIENT_ID` (any secret is accepted unless one is configured). */
export const DEFAULT_CLIENT_SECRET = 'simulatorclientsecret000000000';

/** Every scope the service needs for all the event types it can listen to and its polled stats. */
export const BROADCASTER_SCOPES = [
  'moderator:read:followers',
  'channel:read:subscriptions',
  'bits:read',
  'channel:read:redemptions',
  'channel:read:hype_train',
  'channel:read:goals',
  'channel:read:polls',
  'channel:read:predictions',
  'channel:read:ads',
  'moderator:read:shoutouts',
  'channel:read:charity',
  'user:read:chat',
] as const;

/** Twitch's "AnAnonymousGifter", the gifter Helix names for anonymous gift subs. */
export const ANONYMOUS_GIFTER = {
  id: '274598607',
  login: 'ananonymousgifter',
  displayName: 'AnAnonymousGifter',
} as const;

/**
 * The user Twitch names for an anonymous cheer where a user id is required (`channel.bits.use` has
 * no anonymous form; Twitch's chat shows such cheers from AnAnonymousCheerer).
 */
export const ANONYMOUS_CHEERER = {
  id: '407665396',
  login: 'ananonymouscheerer',
  displayName: 'AnAnonymousCheerer',
} as const;
