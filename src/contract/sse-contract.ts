/**
 * The SSE contract: what `GET /api/twitch/stream` sends. The server and the widget code are both
 * checked against this file; fields may be added, never renamed or removed. The JSON Schemas at
 * `/api/schemas/` are generated from it (`npm run docs:schemas`; the `@format` and `@minimum` tags
 * are for them), and every message the end-to-end tests receive is checked against those.
 */

export { TWITCH_EVENT_TYPES, isTwitchEventType, type TwitchEventType } from './twitch-events.js';
export { EVENT_LABELS, EVENT_NOUNS, GOAL_NAMES } from './event-names.js';

// The messages, one file per job in sse-contract/: what every message is (envelope), the
// `event` and `status` messages and their one-type variants, the widgets' states, the dashboard's
// control, and the Twitch event objects by family.
export * from './sse-contract/envelope.js';
export * from './sse-contract/event-message.js';
export * from './sse-contract/event-variants.js';
export * from './sse-contract/status.js';
export * from './sse-contract/status-variants.js';
export * from './sse-contract/control.js';
export * from './sse-contract/credits.js';
export * from './sse-contract/widget-state/stats.js';
export * from './sse-contract/widget-state/labels.js';
export * from './sse-contract/widget-state/subathon.js';
export * from './sse-contract/twitch-payloads/common.js';
export * from './sse-contract/twitch-payloads/viewer-support.js';
export * from './sse-contract/twitch-payloads/stream.js';
export * from './sse-contract/twitch-payloads/channel-points.js';
export * from './sse-contract/twitch-payloads/hype-train.js';
export * from './sse-contract/twitch-payloads/goal.js';
export * from './sse-contract/twitch-payloads/poll.js';
export * from './sse-contract/twitch-payloads/prediction.js';
export * from './sse-contract/twitch-payloads/by-type.js';
