import type { Integer } from '../integer.js';
import type { BroadcasterFields } from './common.js';

/** An amount of money: `value` in minor units, so 1550 with 2 decimal places in USD is $15.50. */
export interface CharityAmount {
  value: Integer;
  /** @minimum 0 */
  decimal_places: Integer;
  /** ISO 4217 currency code. */
  currency: string;
}

/** What Twitch says of the charity a campaign raises money for. */
export interface CharityFields {
  charity_name: string;
  charity_description: string;
  charity_logo: string;
  charity_website: string;
}

/** The `channel.charity_campaign.donate` event object: a viewer donated to the campaign. */
export type CharityDonationEvent = BroadcasterFields &
  CharityFields & {
    /** The donation's id. */
    id: string;
    campaign_id: string;
    user_id: string;
    user_login: string;
    user_name: string;
    amount: CharityAmount;
    [field: string]: unknown;
  };

/** The `channel.charity_campaign.start` event object: a charity campaign started. */
export type CharityCampaignStartEvent = BroadcasterFields &
  CharityFields & {
    /** The campaign's id. */
    id: string;
    current_amount: CharityAmount;
    target_amount: CharityAmount;
    /** @format date-time */
    started_at: string;
    [field: string]: unknown;
  };

/** The `channel.charity_campaign.progress` event object: the campaign's amounts moved. */
export type CharityCampaignProgressEvent = BroadcasterFields &
  CharityFields & {
    id: string;
    current_amount: CharityAmount;
    target_amount: CharityAmount;
    [field: string]: unknown;
  };

/** The `channel.charity_campaign.stop` event object: the campaign ended. */
export type CharityCampaignStopEvent = BroadcasterFields &
  CharityFields & {
    id: string;
    current_amount: CharityAmount;
    target_amount: CharityAmount;
    /** @format date-time */
    stopped_at: string;
    [field: string]: unknown;
  };
