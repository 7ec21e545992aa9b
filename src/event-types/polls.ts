import type { EventTypeDescriptor, Subscriber, TwitchEventData } from './event-type-descriptor.js';
import { lifecycleStage } from './lifecycle-stage.js';
import { SAMPLE_IDS, minutesBefore, type SampleContext } from './sample-context.js';
import { textField, titlesOf } from './sample-fields.js';

/** What each poll stage shares: its scope, and how the simulator reproduces a sample. */
function poll(stage: 'begin' | 'progress' | 'end', subscribe: Subscriber): EventTypeDescriptor {
  return lifecycleStage('poll', stage, {
    version: '1',
    scope: 'channel:read:polls',
    subscribe,
    sample,
    // Progress: the simulator's own running vote.
    simulatorTrigger: (at, data) =>
      at === 'begin'
        ? { title: textField(data, 'title'), choices: titlesOf(data.choices) }
        : at === 'end'
          ? { status: textField(data, 'status') }
          : undefined,
  });
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
