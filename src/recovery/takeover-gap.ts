import type { RecoveryState } from './recovery-state.js';

/**
 * What a standby that takes the lead has to recover: its EventSub session has received since
 * `since` (ms), begun while the old leader held its lease; the old leader last said it was
 * receiving until `receivingUntil` (and, with `receiving`, that it still was then). What went by
 * after the old leader stopped receiving and before `since` is lost — nothing, when `since` is
 * before the old leader's last word, or when the old leader logged, after `since`, an event this
 * session received too (`leaderLoggedOwnEvent`: it was alive and receiving then; it died
 * receiving). Null: no gap.
 */
export function gapAtTakeover(
  state: Pick<RecoveryState, 'receivingUntil' | 'receiving'>,
  since: number,
  leaderLoggedOwnEvent: boolean,
): { start: Date; end: Date } | null {
  const until = state.receivingUntil;
  if (until === null || since <= until) return null;
  if (state.receiving === true && leaderLoggedOwnEvent) return null;
  return { start: new Date(until), end: new Date(since) };
}
