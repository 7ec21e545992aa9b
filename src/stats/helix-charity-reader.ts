import { Injectable } from '@nestjs/common';
import type { CharityState } from '../contract/sse-contract.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';

const CHARITY_SCOPE = 'channel:read:charity';

/** Helix `GET /charity/campaigns`, as Twitch sends it (only what the reader uses is typed). */
interface HelixCharityCampaigns {
  data: Array<Record<string, unknown> & { id: string }>;
}

/**
 * Reads the channel's charity campaign running now (Helix Get Charity Campaign, one request), so a
 * goal bar with `metric=charity` shows it at start rather than at its next event. It is given in
 * EventSub's shape, as the `channel.charity_campaign.progress` that would have told it.
 *
 * Raw Helix through `callApi`: Twurple 8's `getCharityCampaign` wraps `data[0]` even when the
 * channel runs no campaign (an object whose getters then throw), and the amounts' fields are
 * already EventSub's (`value`, `decimal_places`, `currency`).
 */
@Injectable()
export class HelixCharityReader {
  /** The campaign running now (null: none), or undefined when the token lacks the scope. */
  async read(session: ActiveTwitchSession): Promise<CharityState | null | undefined> {
    const { apiClient, userId, broadcaster, scopes } = session;
    if (!scopes.includes(CHARITY_SCOPE)) return undefined;
    const answer = await apiClient.callApi<HelixCharityCampaigns>({
      type: 'helix',
      url: 'charity/campaigns',
      method: 'GET',
      userId,
      scopes: [CHARITY_SCOPE],
      query: { broadcaster_id: broadcaster.id },
    });
    const campaign = answer.data[0];
    if (!campaign) return null;
    return {
      event: 'channel.charity_campaign.progress',
      data: {
        id: campaign.id,
        broadcaster_user_id: broadcaster.id,
        broadcaster_user_login: broadcaster.login,
        broadcaster_user_name: broadcaster.displayName,
        charity_name: text(campaign.charity_name),
        charity_description: text(campaign.charity_description),
        charity_logo: text(campaign.charity_logo),
        charity_website: text(campaign.charity_website),
        current_amount: campaign.current_amount as CharityState['data']['current_amount'],
        target_amount: campaign.target_amount as CharityState['data']['target_amount'],
      },
    };
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
