import type { EventTypeDescriptor, Subscriber, TwitchEventData } from './event-type-descriptor.js';
import { SAMPLE_IDS, minutesBefore, type SampleContext } from './sample-context.js';
import { textField, titlesOf } from './sample-fields.js';

/** A poll begins and ends once under its `id`; two real progress events can be alike. */
function poll(stage: 'begin' | 'progress' | 'end', subscribe: Subscriber): EventTypeDescriptor {
  return {
    type: `channel.poll.${stage}`,
    version: '1',
    scope: 'channel:read:polls',
    byDefault: false,
    subscribe,
    ...(stage === 'progress' ? {} : { identity: (data: TwitchEventData) => [data.id] }),
    sample: (context) => sample(stage, context),
    // Progress: the simulator's own running vote.
    ...(stage === 'progress'
      ? {}
      : { simulatorTrigger: (data: TwitchEventData) => trigger(stage, data) }),
  };
}

function trigger(stage: 'begin' | 'end', data: TwitchEventData) {
  return stage === 'begin'
    ? { title: textField(data, 'title'), choices: titlesOf(data.choices) }
    : { status: textField(data, 'status') };
}

export const POLL_BEGIN = poll('begin', (listener, id, handler) =>
  listener.onChannelPollBegin(id, handler),
);
export const POLL_PROGRESS = poll('progress', (listener, id, handler) =>
  listener.onChannelPollProgress(id, handler),
);
export const POLL_END = poll('end', (listener, id, handler) =>
  listener.onChannelPollEnd(id, handler),
);

function sample(
  stage: 'begin' | 'progress' | 'end',
  { broadcaster, now }: SampleContext,
): TwitchEventData {
  const titles = ['Celeste', 'Hades'];
  const votes = [7, 4];
  const base = {
    id: SAMPLE_IDS.poll,
    ...broadcaster,
    title: 'What do we play next?',
    bits_voting: { is_enabled: false, amount_per_vote: 0 },
    channel_points_voting: { is_enabled: false, amount_per_vote: 0 },
    started_at: minutesBefore(now, 1),
  };
  if (stage === 'begin') {
    return {
      ...base,
      choices: titles.map((title, i) => ({ id: SAMPLE_IDS.choices[i], title })),
      ends_at: minutesBefore(now, -1),
    };
  }
  const choices = titles.map((title, i) => ({
    id: SAMPLE_IDS.choices[i],
    title,
    bits_votes: 0,
    channel_points_votes: 0,
    votes: votes[i],
  }));
  return stage === 'progress'
    ? { ...base, choices, ends_at: minutesBefore(now, -1) }
    : { ...base, choices, status: 'completed', ended_at: now };
}
