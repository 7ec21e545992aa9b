// @ts-check

/** @typedef {import('../../../contract/sse-contract.js').EventSubStatus} EventSubStatus */
/** @typedef {import('../../../contract/sse-contract.js').PollStatus} PollStatus */

// Status messages say when a component's state changes, so the state they carry is never out of
// date; the times in them are (EventSub's last message moves with every keepalive, which is no
// news). The dashboard also polls /api/health: these merge the two.

/**
 * The EventSub status from the stream, with the last-message time from health when both describe
 * the same connection (health wins outright before the first status message).
 * @param {EventSubStatus | null} pushed
 * @param {EventSubStatus} polled
 * @returns {EventSubStatus}
 */
export function withCurrentTimes(pushed, polled) {
  if (!pushed) return polled;
  const sameConnection = pushed.state === polled.state && pushed.sessionId === polled.sessionId;
  return sameConnection ? { ...pushed, lastMessageAt: polled.lastMessageAt } : pushed;
}

/**
 * The poll status from the stream, with the poll times from health when health has seen a later
 * poll of the same outcome.
 * @param {PollStatus | null} pushed
 * @param {PollStatus} polled
 * @returns {PollStatus}
 */
export function withCurrentPollTimes(pushed, polled) {
  if (!pushed) return polled;
  const sameOutcome = pushed.ok === polled.ok && pushed.error === polled.error;
  const later = Date.parse(polled.lastPollAt ?? '') >= Date.parse(pushed.lastPollAt ?? '');
  return sameOutcome && (later || !pushed.lastPollAt)
    ? { ...pushed, lastPollAt: polled.lastPollAt, nextPollAt: polled.nextPollAt }
    : pushed;
}
