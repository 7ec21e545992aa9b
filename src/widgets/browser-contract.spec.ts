import {
  EVENT_LABELS,
  EVENT_NOUNS,
  GOAL_NAMES,
  STREAM_MESSAGE_TYPES,
  STREAM_PATH,
  TWITCH_EVENT_TYPES,
} from '../contract/sse-contract.js';
import { CHAT_HISTORY_TYPES } from '../event-types/chat-history.js';
import { browserContractModule } from './browser-contract.js';

describe('browserContractModule', () => {
  it('is an ES module with the contract’s constants, so the browser shares them', async () => {
    const source = browserContractModule();
    const module = (await import(
      `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`
    )) as Record<string, unknown>;
    expect({ ...module }).toEqual({
      STREAM_MESSAGE_TYPES,
      STREAM_PATH,
      TWITCH_EVENT_TYPES,
      EVENT_LABELS,
      EVENT_NOUNS,
      GOAL_NAMES,
      CHAT_HISTORY_TYPES,
    });
    expect(Object.isFrozen(module.EVENT_LABELS)).toBe(true);
    expect(Object.isFrozen(module.TWITCH_EVENT_TYPES)).toBe(true);
  });
});
