/**
 * `@twitch-realtime/twitch-simulator`: a stand-in for Twitch on loopback (EventSub WebSocket, Helix,
 * OAuth and the device flow, faults, a control API), plus `DemoActivity` to make a channel look
 * alive. See README.md.
 */
export { TwitchSimulator } from './twitch-simulator.js';
export { TWITCH_CLI_QUIRKS, type TwitchSimulatorOptions } from './simulator-options.js';
export type {
  ChannelSnapshot,
  MintedUserToken,
  SimulatedTrigger,
  TriggerResult,
} from './simulator-types.js';
export { LEADERBOARD_PERIODS, type LeaderboardPeriod } from './bits-leaderboard.js';
export { DemoActivity, type DemoActivityOptions } from './demo-activity.js';
export {
  DEFAULT_DEMO_TIMINGS,
  type DemoActivityKind,
  type DemoTiming,
  type DemoTimings,
} from './demo-timings.js';
export type { EventObject } from './event-payloads.js';
export {
  CHAT_NOTICE_TYPES,
  DOCUMENTED_FIELDS,
  type DocumentedFieldType,
} from './documented-fields.js';
export {
  SIMULATED_EVENT_TYPES,
  isSimulatedEventType,
  type SimulatedEventType,
} from './event-types.js';
export { TWITCH_EVENTSUB_LIMITS, type EventSubLimits } from './eventsub-routes.js';
export type { OutageStatus } from './eventsub-outage.js';
export type { SessionSummary } from './eventsub-socket-server.js';
export type { HelixFault } from './helix-fault-plan.js';
export {
  ANONYMOUS_GIFTER,
  BROADCASTER_SCOPES,
  DEFAULT_BROADCASTER,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
} from './simulator-constants.js';
export type { SubTier } from './sub-tier.js';
export type { ProducedEvent, TriggerOptions } from './trigger-options.js';
export { SimulatorInputError, type SimulatedUser } from './user-directory.js';
