import {
  EVENT_LABELS,
  EVENT_NOUNS,
  GOAL_NAMES,
  STREAM_MESSAGE_TYPES,
  STREAM_PATH,
  TWITCH_EVENT_TYPES,
} from '../contract/sse-contract.js';
import { CHAT_HISTORY_TYPES } from '../event-types/chat-history.js';

/**
 * The contract's run-time constants (its lists, and what each event type is called) as a browser ES module (served at `/widgets/lib/contract.js`),
 * so the browser code takes its event types and stream path from the same file as the server.
 * `public/lib/contract.d.ts` tells the type checker that this module has the contract's exports.
 */
export function browserContractModule(): string {
  const constants = {
    STREAM_MESSAGE_TYPES,
    STREAM_PATH,
    TWITCH_EVENT_TYPES,
    EVENT_LABELS,
    EVENT_NOUNS,
    GOAL_NAMES,
    // Chat: left out of the dashboard's feed unless chosen, as the history leaves it out.
    CHAT_HISTORY_TYPES,
  };
  return [
    '// Written by the server from src/contract/sse-contract.ts: do not edit.',
    ...Object.entries(constants).map(([name, value]) => {
      const json = JSON.stringify(value);
      return `export const ${name} = ${typeof value === 'object' ? `Object.freeze(${json})` : json};`;
    }),
    '',
  ].join('\n');
}
