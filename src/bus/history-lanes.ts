import { isChatHistory } from '../event-types/chat-history.js';
import type { Retention, WantedEvents } from './event-log.js';
import type { PublishedMessage } from './published-message.js';

// The event log keeps two histories: chat (`isChatHistory`), under its own, shorter retention,
// and every other event. Ids are one sequence across both, so a reader merges them by id.

/** Which of the two histories a read needs. */
export interface Lanes {
  /** Every event that is not chat. */
  readonly main: boolean;
  readonly chat: boolean;
}

const BOTH: Lanes = { main: true, chat: true };

/** The histories that hold the `wanted` event types (null: every type, both). */
export function lanesOf(wanted: WantedEvents): Lanes {
  if (wanted === null) return BOTH;
  let main = false;
  let chat = false;
  for (const type of wanted) {
    if (isChatHistory(type)) chat = true;
    else main = true;
  }
  return { main, chat };
}

const HISTORY: Retention = { kind: 'history' };
const CHAT: Retention = { kind: 'chat' };

/** How an event of `type` is kept: as chat, or with the other events. */
export function eventRetention(type: string): Retention {
  return isChatHistory(type) ? CHAT : HISTORY;
}

/** Whether a message kept as `retention` is an event (of either history). */
export function isHistory(retention: Retention): boolean {
  return retention.kind === 'history' || retention.kind === 'chat';
}

/** Two id-ordered lists as one, oldest first, at most `limit` (the oldest of them). */
export function mergeById(
  a: readonly PublishedMessage[],
  b: readonly PublishedMessage[],
  limit = Infinity,
): PublishedMessage[] {
  if (b.length === 0) return a.length > limit ? a.slice(0, limit) : [...a];
  if (a.length === 0) return b.length > limit ? b.slice(0, limit) : [...b];
  const merged: PublishedMessage[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < limit && (i < a.length || j < b.length)) {
    if (j >= b.length || (i < a.length && a[i]!.id < b[j]!.id)) merged.push(a[i++]!);
    else merged.push(b[j++]!);
  }
  return merged;
}

/** The newest `limit` of two id-ordered lists, oldest first. */
export function newestOfBoth(
  a: readonly PublishedMessage[],
  b: readonly PublishedMessage[],
  limit: number,
): PublishedMessage[] {
  const merged = mergeById(a, b);
  return merged.slice(Math.max(0, merged.length - limit));
}
