import type { EventTypeDescriptor, Subscriber } from './event-type-descriptor.js';
import { lifecycleStage } from './lifecycle-stage.js';
import { SAMPLE_IDS, minutesBefore, type SampleContext } from './sample-context.js';
import { numberField, textField } from './sample-fields.js';

/** The scope of the goal events, which `GET /helix/goals` needs too. */
export const GOALS_SCOPE = 'channel:read:goals';

/** What each creator goal stage shares: its scope, and how the simulator reproduces a sample. */
function goal(stage: 'begin' | 'progress' | 'end', subscribe: Subscriber): EventTypeDescriptor {
  return lifecycleStage('goal', stage, {
    version: '1',
    scope: GOALS_SCOPE,
    subscribe,
    sample,
    simulatorTrigger: (at, data) => {
      const goalType = textField(data, 'type');
      if (at === 'end') return { goalType };
      if (at === 'progress') return { goalType, amount: numberField(data, 'current_amount') };
      const target = numberField(data, 'target_amount');
      return { goalType, target, description: textField(data, 'description') };
    },
  });
}

export const GOAL_BEGIN = goal('begin', (listener, id, handler) =>
  listener.onChannelGoalBegin(id, handler),
);
export const GOAL_PROGRESS = goal('progress', (listener, id, handler) =>
  listener.onChannelGoalProgress(id, handler),
);
export const GOAL_END = goal('end', (listener, id, handler) =>
  listener.onChannelGoalEnd(id, handler),
);

function sample(stage: 'begin' | 'progress' | 'end', { broadcaster, now }: SampleContext) {
  const running = {
    id: SAMPLE_IDS.goal,
    ...broadcaster,
    type: 'follower',
    description: 'Ten more followers',
    current_amount: stage === 'begin' ? 120 : 125,
    target_amount: 130,
    started_at: minutesBefore(now, 30),
  };
  return stage === 'end' ? { ...running, is_achieved: false, ended_at: now } : running;
}
