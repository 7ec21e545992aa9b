import type { ChannelState } from './channel-state.js';
import type { CreatorGoal, GoalType } from './creator-goal.js';
import { HYPE_POINTS, type HypeTrainContributionType } from './hype-train.js';
import { SUB_POINTS, type SubTier } from './sub-tier.js';
import type { ProducedEvent } from './trigger-options.js';
import type { UserDirectory } from './user-directory.js';

/**
 * What follows on Twitch from follows, subs, resubs and Bits that just happened: one
 * `channel.goal.progress` for each running goal they moved, one `channel.hype_train.progress`
 * when a hype train runs and they contributed to it.
 */
export class FollowUpEvents {
  constructor(private readonly users: UserDirectory) {}

  /** The follow-up events of `happened`, in Twitch's order (goals, then the hype train). */
  of(channel: ChannelState, happened: readonly ProducedEvent[], now: Date): ProducedEvent[] {
    const moved = new Set<CreatorGoal>();
    let contributed = false;
    const move = (type: GoalType, amount: (g: CreatorGoal) => number): void => {
      const running = channel.goals.get(type);
      if (!running) return;
      const next = amount(running);
      if (next !== running.currentAmount) {
        running.currentAmount = next;
        moved.add(running);
      }
    };
    const contribute = (userId: unknown, kind: HypeTrainContributionType, points: number) => {
      // Anonymous gifts and cheers count for nobody on the train's board.
      const user = typeof userId === 'string' ? this.users.findById(userId) : undefined;
      if (!channel.hypeTrain || !user || points <= 0) return;
      channel.hypeTrain.contribute(user, kind, points, now);
      contributed = true;
    };
    const bitsUsed = (userId: unknown, bits: number, cheer: boolean): void => {
      move('new_bit', (g) => g.currentAmount + bits);
      if (cheer) {
        move('new_cheerer', (g) =>
          typeof userId === 'string' && g.countCheerer(userId)
            ? g.currentAmount + 1
            : g.currentAmount,
        );
      }
      contribute(userId, 'bits', bits);
    };
    for (const { type, event } of happened) {
      switch (type) {
        case 'channel.follow':
          move('follower', () => channel.followerCount);
          break;
        case 'channel.subscribe': {
          const points = SUB_POINTS[event.tier as SubTier] ?? 1;
          move('subscription', () => channel.subPoints);
          move('subscription_count', () => channel.subscriberCount);
          move('new_subscription', (g) => g.currentAmount + points);
          move('new_subscription_count', (g) => g.currentAmount + 1);
          // A gifted sub's points go to its gifter, on the gift event.
          if (event.is_gift !== true) {
            contribute(event.user_id, 'subscription', HYPE_POINTS[event.tier as SubTier] ?? 500);
          }
          break;
        }
        case 'channel.subscription.message':
          // A resub is no new sub; the channel's sub numbers move only if the simulator did not
          // count them as a subscriber yet.
          move('subscription', () => channel.subPoints);
          move('subscription_count', () => channel.subscriberCount);
          break;
        case 'channel.subscription.gift':
          contribute(
            event.user_id,
            'subscription',
            (HYPE_POINTS[event.tier as SubTier] ?? 500) * Number(event.total),
          );
          break;
        case 'channel.cheer':
          bitsUsed(event.user_id, Number(event.bits), true);
          break;
        case 'channel.bits.use':
          // A cheer's Bits moved things on its channel.cheer already; Power-ups and Combos are
          // Bits used too, but not cheers.
          if (event.type !== 'cheer') bitsUsed(event.user_id, Number(event.bits), false);
          break;
        default:
          break;
      }
    }
    const broadcaster = channel.broadcaster;
    return [
      ...[...moved].map((g) => ({
        type: 'channel.goal.progress' as const,
        event: g.event(broadcaster),
      })),
      ...(contributed && channel.hypeTrain
        ? [
            {
              type: 'channel.hype_train.progress' as const,
              event: channel.hypeTrain.progressEvent(broadcaster),
            },
          ]
        : []),
    ];
  }
}
