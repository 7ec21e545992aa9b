import { Injectable } from '@nestjs/common';
import type { GoalState } from '../contract/sse-contract.js';
import { GOALS_SCOPE } from '../event-types/goals.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';

/**
 * Reads the channel's creator goals running now (Helix `GET /goals`, one request), so a goal bar
 * with `metric=twitch` shows the goal at start rather than at its next `channel.goal.*` event.
 * Each is given in EventSub's shape, as the `channel.goal.begin` that would have announced it.
 */
@Injectable()
export class HelixGoalReader {
  /** The goals running now, or null when the token lacks `channel:read:goals`. */
  async read(session: ActiveTwitchSession): Promise<GoalState[] | null> {
    const { apiClient, userId, broadcaster, scopes } = session;
    if (GOALS_SCOPE === null || !scopes.includes(GOALS_SCOPE)) return null;
    const goals = await apiClient.asUser(userId, (ctx) => ctx.goals.getGoals(broadcaster.id));
    return goals.map((goal) => ({
      event: 'channel.goal.begin',
      data: {
        id: goal.id,
        broadcaster_user_id: goal.broadcasterId,
        broadcaster_user_login: goal.broadcasterName,
        broadcaster_user_name: goal.broadcasterDisplayName,
        type: goal.type,
        description: goal.description,
        current_amount: goal.currentAmount,
        target_amount: goal.targetAmount,
        // Twurple 8 types `creationDate` as a Date but hands over Helix's string: take either.
        started_at: new Date(goal.creationDate).toISOString(),
      },
    }));
  }
}
