import type {
  AdBreakState,
  CharityState,
  GoalState,
  HypeTrainState,
  PollState,
  PredictionState,
  StatsData,
} from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';

/**
 * The stats that hype train, creator goal, poll, prediction, ad break and charity campaign events
 * set: each one's latest event (for goals, one per goal type), so that a widget opened mid-poll
 * shows the poll at once. Returns the stats with the event applied, or null when `type` sets none
 * of them.
 */
export function withEngagementEvent(
  stats: StatsData,
  type: TwitchEventType,
  data: Record<string, unknown>,
): StatsData | null {
  switch (type) {
    case 'channel.hype_train.begin':
    case 'channel.hype_train.progress':
    case 'channel.hype_train.end': {
      // Twitch may deliver progress before its begin: never step back to a train's begin.
      if (type === 'channel.hype_train.begin' && sameAs(stats.hypeTrain, data)) return null;
      return { ...stats, hypeTrain: { event: type, data } as HypeTrainState };
    }
    case 'channel.goal.begin':
    case 'channel.goal.progress':
    case 'channel.goal.end': {
      const goal = { event: type, data } as GoalState;
      const others = (stats.goals ?? []).filter(
        (kept) => kept.data.id !== data.id && kept.data.type !== data.type,
      );
      return { ...stats, goals: [...others, goal] };
    }
    case 'channel.poll.begin':
    case 'channel.poll.progress':
    case 'channel.poll.end':
      if (type === 'channel.poll.begin' && sameAs(stats.poll, data)) return null;
      return { ...stats, poll: { event: type, data } as PollState };
    case 'channel.prediction.begin':
    case 'channel.prediction.progress':
    case 'channel.prediction.lock':
    case 'channel.prediction.end':
      if (type === 'channel.prediction.begin' && sameAs(stats.prediction, data)) return null;
      return { ...stats, prediction: { event: type, data } as PredictionState };
    case 'channel.ad_break.begin':
      // Kept whatever its length: the widget and the dashboard read a 0 or missing one as over.
      return { ...stats, adBreak: { event: type, data } as AdBreakState };
    case 'channel.charity_campaign.start':
    case 'channel.charity_campaign.progress':
    case 'channel.charity_campaign.stop':
      // Twitch may deliver progress before its start (or again after the stop) out of order.
      if (type !== 'channel.charity_campaign.stop' && stoppedAlready(stats.charity, data))
        return null;
      if (type === 'channel.charity_campaign.start' && sameAs(stats.charity, data)) return null;
      return { ...stats, charity: { event: type, data } as CharityState };
    default:
      return null;
  }
}

/** Whether the kept campaign is the one `data` is of, and has stopped. */
function stoppedAlready(kept: CharityState | undefined, data: Record<string, unknown>): boolean {
  return kept?.event === 'channel.charity_campaign.stop' && kept.data.id === data.id;
}

/** Whether the kept state is of the same train, poll or prediction as `data` (by its id). */
function sameAs(
  kept: { data: { id: string } } | undefined,
  data: Record<string, unknown>,
): boolean {
  return kept !== undefined && kept.data.id === data.id;
}
