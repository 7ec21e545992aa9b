/**
 * How long an event's identity is remembered. Twurple ignores notifications stamped more than ten
 * minutes ago, and Twitch's redeliveries come within that.
 */
export const IDENTITY_WINDOW_MS = 10 * 60 * 1000;
