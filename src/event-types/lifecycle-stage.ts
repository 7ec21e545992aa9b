import type { TriggerOptions } from '@twitch-realtime/twitch-simulator';
import type { TwitchEventType } from '../contract/twitch-events.js';
import type { EventTypeDescriptor, Subscriber, TwitchEventData } from './event-type-descriptor.js';
import type { SampleContext } from './sample-context.js';

/** The stages of a hype train, creator goal, poll or prediction. */
export type Stage = 'begin' | 'progress' | 'lock' | 'end';

/** What differs between the stages of one family: Twitch's facts and the sample's shape. */
interface StageFacts<S extends Stage> {
  readonly version: '1' | '2';
  readonly scope: string;
  readonly subscribe: Subscriber;
  readonly sample: (stage: S, context: SampleContext) => TwitchEventData;
  /** How demo mode's simulator reproduces a sample of this stage; none: the simulator's own. */
  readonly simulatorTrigger?: (stage: S, data: TwitchEventData) => TriggerOptions | undefined;
}

/**
 * One stage of a hype train, creator goal, poll or prediction (`channel.<family>.<stage>`): opt-in
 * (its scope is one an older token lacks), and identified by its `id`, since each begins, locks
 * and ends once — except progress, where two real events can be alike.
 */
export function lifecycleStage<S extends Stage>(
  family: 'hype_train' | 'goal' | 'poll' | 'prediction',
  stage: S,
  facts: StageFacts<S>,
): EventTypeDescriptor {
  const trigger = facts.simulatorTrigger;
  return {
    type: `channel.${family}.${stage}` as TwitchEventType,
    version: facts.version,
    scope: facts.scope,
    byDefault: false,
    subscribe: facts.subscribe,
    ...(stage === 'progress' ? {} : { identity: (data: TwitchEventData) => [data.id] }),
    sample: (context) => facts.sample(stage, context),
    ...(trigger ? { simulatorTrigger: (data: TwitchEventData) => trigger(stage, data) ?? {} } : {}),
  };
}
