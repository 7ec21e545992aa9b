import type { PollState, PredictionState, StreamMessage } from '../../../contract/sse-contract.js';
import { NO_POLL, reducePoll, shownCard } from './poll-state.js';

const NOW = Date.parse('2026-01-01T00:10:00.000Z');
const poll = (event: PollState['event'], votes: number[], extra: Record<string, unknown> = {}) =>
  ({
    event,
    data: {
      title: 'Best game?',
      choices: votes.map((count, i) => ({ id: `c${i}`, title: `Game ${i}`, votes: count })),
      started_at: '2026-01-01T00:00:00.000Z',
      ends_at: '2026-01-01T00:20:00.000Z',
      ended_at: '2026-01-01T00:09:00.000Z',
      status: 'completed',
      ...extra,
    },
  }) as unknown as PollState;
const prediction = (event: PredictionState['event'], extra: Record<string, unknown> = {}) =>
  ({
    event,
    data: {
      title: 'Win?',
      outcomes: [
        { id: 'yes', title: 'Yes', color: 'blue', channel_points: 300, users: 1 },
        { id: 'no', title: 'No', color: 'pink', channel_points: 100, users: 2 },
      ],
      started_at: '2026-01-01T00:05:00.000Z',
      locks_at: '2026-01-01T00:15:00.000Z',
      ended_at: '2026-01-01T00:09:30.000Z',
      winning_outcome_id: 'yes',
      status: 'resolved',
      ...extra,
    },
  }) as unknown as PredictionState;
const stats = (data: { poll?: PollState; prediction?: PredictionState }): StreamMessage => ({
  type: 'stats',
  data: { live: true, viewers: 1, followers: 1, subs: 0, ...data },
});

describe('the poll / prediction card', () => {
  it('takes the latest poll and prediction from each stats message', () => {
    const running = poll('channel.poll.progress', [1, 2]);
    const state = reducePoll(NO_POLL, stats({ poll: running }));
    expect(state).toEqual({ poll: running, prediction: null });
    expect(reducePoll(state, { type: 'labels', data: {} } as StreamMessage)).toBe(state);
  });

  it('shows the one that started last, of the kinds asked for', () => {
    const state = reducePoll(
      NO_POLL,
      stats({
        poll: poll('channel.poll.progress', [1, 2]),
        prediction: prediction('channel.prediction.begin'),
      }),
    );
    expect(shownCard(state, 'both', NOW, 30_000)?.kind).toBe('prediction');
    expect(shownCard(state, 'poll', NOW, 30_000)?.kind).toBe('poll');
    expect(shownCard(NO_POLL, 'both', NOW, 30_000)).toBeNull();
  });

  it('names the winner, a tie, or no votes once a poll is over', () => {
    const result = (votes: number[]) =>
      shownCard({ poll: poll('channel.poll.end', votes), prediction: null }, 'poll', NOW, 0);
    expect(result([1, 5])).toMatchObject({ status: 'Winner: Game 1', winner: 'c1' });
    expect(result([3, 3])).toMatchObject({ status: 'A tie', winner: null });
    expect(result([0, 0])).toMatchObject({ status: 'No votes', winner: null });
    expect(result([1])?.options[0]?.detail).toBe('1 vote');
  });

  it('says when a prediction was canceled, and what each outcome holds', () => {
    const canceled = prediction('channel.prediction.end', { status: 'canceled' });
    const card = shownCard({ poll: null, prediction: canceled }, 'both', NOW, 0);
    expect(card?.status).toBe('Canceled: points refunded');
    expect(card?.options.map((option) => option.detail)).toEqual([
      '300 points · 1 viewer',
      '100 points · 2 viewers',
    ]);
  });

  it('hides the result after hideAfter, and keeps it with 0', () => {
    const state = { poll: poll('channel.poll.end', [1, 5]), prediction: null };
    expect(shownCard(state, 'both', NOW + 29_000, 90_000)).not.toBeNull();
    expect(shownCard(state, 'both', NOW, 60_000)).toBeNull();
    expect(shownCard(state, 'both', NOW + 86_400_000, 0)).not.toBeNull();
  });
});
