// The browser loads /widgets/lib/contract.js, which the server writes from the contract's constants
// (src/widgets/browser-contract.ts). This declaration tells the type checker it is that module.
export {
  EVENT_LABELS,
  EVENT_NOUNS,
  GOAL_NAMES,
  STREAM_MESSAGE_TYPES,
  STREAM_PATH,
  TWITCH_EVENT_TYPES,
} from '../../../contract/sse-contract.js';
export { CHAT_HISTORY_TYPES } from '../../../event-types/chat-history.js';
