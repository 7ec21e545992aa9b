// @ts-check
// The poll / prediction widget's state: the latest poll and prediction the service keeps in its
// `stats`, and the card the widget shows of them.

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').PollState} PollState */
/** @typedef {import('../../../contract/sse-contract.js').PredictionState} PredictionState */

/**
 * @typedef {object} PollWidgetState
 * @property {PollState | null} poll
 * @property {PredictionState | null} prediction
 */

/**
 * What the card shows, poll or prediction alike.
 * @typedef {object} Card
 * @property {'poll' | 'prediction'} kind
 * @property {string} title
 * @property {Array<{ id: string; title: string; amount: number; color?: string; detail: string }>} options
 * @property {string | null} closesAt  while open: when votes or predictions close
 * @property {string | null} endedAt  once over
 * @property {string} status  over: what became of it
 * @property {string | null} winner  the winning option's id
 * @property {string} startedAt
 */

/** Before the first `stats` message. @type {PollWidgetState} */
export const NO_POLL = Object.freeze({ poll: null, prediction: null });

const numberFormat = new Intl.NumberFormat();

/**
 * The state after a message: each `stats` message tells the latest poll and prediction (or none).
 * @param {PollWidgetState} state
 * @param {StreamMessage} message
 * @returns {PollWidgetState}
 */
export function reducePoll(state, message) {
  if (message.type !== 'stats') return state;
  return { poll: message.data.poll ?? null, prediction: message.data.prediction ?? null };
}

/**
 * The card to show at `now`: of the kinds wanted, the one that started last; none once it has been
 * over for `hideAfterMs` (0: shown until the next one).
 * @param {PollWidgetState} state
 * @param {string} wanted  `both`, `poll` or `prediction`
 * @param {number} now  ms since the epoch
 * @param {number} hideAfterMs
 * @returns {Card | null}
 */
export function shownCard(state, wanted, now, hideAfterMs) {
  const cards = [
    wanted !== 'prediction' && state.poll ? pollCard(state.poll) : null,
    wanted !== 'poll' && state.prediction ? predictionCard(state.prediction) : null,
  ].filter((card) => card !== null);
  const card = cards.sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt)).at(-1);
  if (!card) return null;
  if (card.endedAt && hideAfterMs > 0 && now - Date.parse(card.endedAt) >= hideAfterMs) return null;
  return card;
}

/**
 * @param {PollState} state
 * @returns {Card}
 */
export function pollCard({ event, data }) {
  const options = data.choices.map((choice) => {
    const votes = 'votes' in choice && typeof choice.votes === 'number' ? choice.votes : 0;
    return {
      id: choice.id,
      title: choice.title,
      amount: votes,
      detail: `${numberFormat.format(votes)} ${votes === 1 ? 'vote' : 'votes'}`,
    };
  });
  const over = event === 'channel.poll.end';
  const top = Math.max(0, ...options.map((option) => option.amount));
  const leaders = options.filter((option) => option.amount === top && top > 0);
  return {
    kind: 'poll',
    title: data.title,
    options,
    closesAt: over ? null : data.ends_at,
    endedAt: over ? data.ended_at : null,
    status: over
      ? data.status === 'completed'
        ? leaders.length === 1
          ? `Winner: ${leaders[0]?.title}`
          : leaders.length > 1
            ? 'A tie'
            : 'No votes'
        : 'Poll ended'
      : '',
    winner:
      over && data.status === 'completed' && leaders.length === 1 ? (leaders[0]?.id ?? null) : null,
    startedAt: data.started_at,
  };
}

/**
 * @param {PredictionState} state
 * @returns {Card}
 */
export function predictionCard({ event, data }) {
  const options = data.outcomes.map((outcome) => {
    const points =
      'channel_points' in outcome && typeof outcome.channel_points === 'number'
        ? outcome.channel_points
        : 0;
    const users = 'users' in outcome && typeof outcome.users === 'number' ? outcome.users : 0;
    return {
      id: outcome.id,
      title: outcome.title,
      amount: points,
      color: outcome.color,
      detail: `${numberFormat.format(points)} points · ${numberFormat.format(users)} ${users === 1 ? 'viewer' : 'viewers'}`,
    };
  });
  const over = event === 'channel.prediction.end';
  const winner = over ? data.winning_outcome_id : null;
  const won = options.find((option) => option.id === winner);
  return {
    kind: 'prediction',
    title: data.title,
    options,
    closesAt:
      event === 'channel.prediction.begin' || event === 'channel.prediction.progress'
        ? data.locks_at
        : null,
    endedAt: over ? data.ended_at : null,
    status: over
      ? data.status === 'resolved'
        ? won
          ? `Winner: ${won.title}`
          : 'Resolved'
        : 'Canceled: points refunded'
      : '',
    winner,
    startedAt: data.started_at,
  };
}
