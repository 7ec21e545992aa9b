import type { EventTypeDescriptor, Subscriber, TwitchEventData } from './event-type-descriptor.js';
import { lifecycleStage } from './lifecycle-stage.js';
import { SAMPLE_IDS, minutesBefore, type SampleContext } from './sample-context.js';
import { textField, titlesOf } from './sample-fields.js';

type Stage = 'begin' | 'progress' | 'lock' | 'end';

/** What each prediction stage shares: its scope, and how the simulator reproduces a sample. */
function prediction(stage: Stage, subscribe: Subscriber): EventTypeDescriptor {
  return lifecycleStage('prediction', stage, {
    version: '1',
    scope: 'channel:read:predictions',
    subscribe,
    sample,
    // Progress and lock: the simulator's own running prediction.
    simulatorTrigger: (at, data) =>
      at === 'begin'
        ? { title: textField(data, 'title'), outcomes: titlesOf(data.outcomes) }
        : at === 'end'
          ? { status: textField(data, 'status') }
          : undefined,
  });
}

export const PREDICTION_BEGIN = prediction('begin', (listener, id, handler) =>
  listener.onChannelPredictionBegin(id, handler),
);
export const PREDICTION_PROGRESS = prediction('progress', (listener, id, handler) =>
  listener.onChannelPredictionProgress(id, handler),
);
export const PREDICTION_LOCK = prediction('lock', (listener, id, handler) =>
  listener.onChannelPredictionLock(id, handler),
);
export const PREDICTION_END = prediction('end', (listener, id, handler) =>
  listener.onChannelPredictionEnd(id, handler),
);

function sample(stage: Stage, { broadcaster, user, now }: SampleContext): TwitchEventData {
  const base = {
    id: SAMPLE_IDS.prediction,
    ...broadcaster,
    title: 'Do we beat the boss first try?',
    started_at: minutesBefore(now, 2),
  };
  const outcomes = [
    { id: SAMPLE_IDS.choices[0], title: 'Yes', color: 'blue' },
    { id: SAMPLE_IDS.choices[1], title: 'No', color: 'pink' },
  ];
  if (stage === 'begin') return { ...base, outcomes, locks_at: minutesBefore(now, -2) };
  const ended = stage === 'end';
  const withPoints = outcomes.map((outcome, i) => ({
    ...outcome,
    users: i === 0 ? 1 : 0,
    channel_points: i === 0 ? 500 : 0,
    top_predictors:
      i === 0
        ? [{ ...user, channel_points_won: ended ? 500 : null, channel_points_used: 500 }]
        : [],
  }));
  if (stage === 'progress') {
    return { ...base, outcomes: withPoints, locks_at: minutesBefore(now, -2) };
  }
  if (stage === 'lock') return { ...base, outcomes: withPoints, locked_at: now };
  return {
    ...base,
    winning_outcome_id: SAMPLE_IDS.choices[0],
    outcomes: withPoints,
    status: 'resolved',
    ended_at: now,
  };
}
