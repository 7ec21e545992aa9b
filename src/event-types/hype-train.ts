import type { EventTypeDescriptor, Subscriber, TwitchEventData } from './event-type-descriptor.js';
import { lifecycleStage } from './lifecycle-stage.js';
import { SAMPLE_IDS, minutesBefore, type SampleContext } from './sample-context.js';

/**
 * Hype trains are version 2, the one Twitch documents (version 1 was retired in January 2026).
 * Demo mode's simulator runs its own train: a sample's numbers would not add up with it.
 */
function hypeTrain(
  stage: 'begin' | 'progress' | 'end',
  subscribe: Subscriber,
): EventTypeDescriptor {
  return lifecycleStage('hype_train', stage, {
    version: '2',
    scope: 'channel:read:hype_train',
    subscribe,
    sample,
  });
}

export const HYPE_TRAIN_BEGIN = hypeTrain('begin', (listener, id, handler) =>
  listener.onChannelHypeTrainBeginV2(id, handler),
);
export const HYPE_TRAIN_PROGRESS = hypeTrain('progress', (listener, id, handler) =>
  listener.onChannelHypeTrainProgressV2(id, handler),
);
export const HYPE_TRAIN_END = hypeTrain('end', (listener, id, handler) =>
  listener.onChannelHypeTrainEndV2(id, handler),
);

function sample(
  stage: 'begin' | 'progress' | 'end',
  { broadcaster, user, now }: SampleContext,
): TwitchEventData {
  const level = stage === 'begin' ? 1 : 2;
  const train = {
    id: SAMPLE_IDS.hypeTrain,
    ...broadcaster,
    type: 'regular',
    level,
    total: level === 1 ? 600 : 1700,
    top_contributions: [{ ...user, type: 'bits', total: 600 }],
    is_shared_train: false,
    shared_train_participants: null,
    started_at: minutesBefore(now, level === 1 ? 0 : 2),
  };
  if (stage === 'end') {
    return { ...train, ended_at: now, cooldown_ends_at: minutesBefore(now, -60) };
  }
  const running = {
    ...train,
    progress: level === 1 ? 600 : 700,
    goal: level === 1 ? 1000 : 1500,
    expires_at: minutesBefore(now, -5),
  };
  return stage === 'begin'
    ? { ...running, all_time_high_level: 3, all_time_high_total: 4200 }
    : running;
}
