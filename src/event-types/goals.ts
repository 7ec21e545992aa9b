import type { EventTypeDescriptor, Subscriber, TwitchEventData } from './event-type-descriptor.js';
import { SAMPLE_IDS, minutesBefore, type SampleContext } from './sample-context.js';
import { numberField, textField } from './sample-fields.js';

/** The scope of the goal events, which `GET /helix/goals` needs too. */
export const GOALS_SCOPE = 'channel:read:goals';

/** A creator goal begins and ends once under its `id`; two real progress events can be alike. */
function goal(stage: 'begin' | 'progress' | 'end', subscribe: Subscriber): EventTypeDescriptor {
  return {
    type: `channel.goal.${stage}`,
    version: '1',
    scope: GOALS_SCOPE,
    byDefault: false,
    subscribe,
    ...(stage === 'progress' ? {} : { identity: (data: TwitchEventData) => [data.id] }),
    sample: (context) => sample(stage, context),
    simulatorTrigger: (data) => {
      const goalType = textField(data, 'type');
      if (stage === 'end') return { goalType };
      if (stage === 'progress') return { goalType, amount: numberField(data, 'current_amount') };
      const target = numberField(data, 'target_amount');
      return { goalType, target, description: textField(data, 'description') };
    },
  };
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
