import { userFields, type EventObject } from './event-payloads.js';
import { eventSubTime } from './twitch-time.js';
import { SimulatorInputError, type SimulatedUser } from './user-directory.js';

/** Who the campaign raises money for, as Twitch's charity events describe them. */
export interface CharityFacts {
  readonly name: string;
  readonly description: string;
  /** A 100 × 100 PNG (under the simulator's address: tests have no network). */
  readonly logo: string;
  readonly website: string;
}

/**
 * A charity campaign on the channel (one at a time, as on Twitch). Amounts are in the currency's
 * minor unit (cents for USD), with `decimal_places` saying where the point goes, as Twitch sends
 * them. The broadcaster fields are `broadcaster_user_*`, as Twitch sends them (its reference
 * once said `broadcaster_*`; Twitch corrected it).
 */
export class CharityCampaign {
  /** Digits after the decimal point for the campaign's currency. */
  readonly decimalPlaces: number;

  constructor(
    readonly id: string,
    readonly charity: CharityFacts,
    readonly currency: string,
    public currentValue: number,
    public targetValue: number,
  ) {
    this.decimalPlaces = decimalPlacesOf(currency);
  }

  /** `{ value, decimal_places, currency }` of an amount in this campaign's currency. */
  amount(value: number): EventObject {
    return { value, decimal_places: this.decimalPlaces, currency: this.currency };
  }

  private common(broadcaster: SimulatedUser): EventObject {
    return {
      id: this.id,
      ...userFields('broadcaster_', broadcaster),
      charity_name: this.charity.name,
      charity_description: this.charity.description,
      charity_logo: this.charity.logo,
      charity_website: this.charity.website,
      current_amount: this.amount(this.currentValue),
      target_amount: this.amount(this.targetValue),
    };
  }

  /** `channel.charity_campaign.start` v1. */
  startEvent(broadcaster: SimulatedUser, startedAt: Date): EventObject {
    return { ...this.common(broadcaster), started_at: eventSubTime(startedAt) };
  }

  /** `channel.charity_campaign.progress` v1. */
  progressEvent(broadcaster: SimulatedUser): EventObject {
    return this.common(broadcaster);
  }

  /** `channel.charity_campaign.stop` v1. */
  stopEvent(broadcaster: SimulatedUser, stoppedAt: Date): EventObject {
    return { ...this.common(broadcaster), stopped_at: eventSubTime(stoppedAt) };
  }

  /** `channel.charity_campaign.donate` v1: `donor` gave `value` (minor units) to this campaign. */
  donationEvent(
    donationId: string,
    donor: SimulatedUser,
    broadcaster: SimulatedUser,
    value: number,
  ): EventObject {
    return {
      id: donationId,
      campaign_id: this.id,
      ...userFields('broadcaster_', broadcaster),
      ...userFields('', donor),
      charity_name: this.charity.name,
      charity_description: this.charity.description,
      charity_logo: this.charity.logo,
      charity_website: this.charity.website,
      amount: this.amount(value),
    };
  }

  /** Helix `GET /charity/campaigns` `data[0]`. */
  helixJson(broadcaster: SimulatedUser): Record<string, unknown> {
    return {
      id: this.id,
      broadcaster_id: broadcaster.id,
      broadcaster_login: broadcaster.login,
      broadcaster_name: broadcaster.displayName,
      charity_name: this.charity.name,
      charity_description: this.charity.description,
      charity_logo: this.charity.logo,
      charity_website: this.charity.website,
      current_amount: this.amount(this.currentValue),
      target_amount: this.amount(this.targetValue),
    };
  }
}

/** An ISO 4217 code in capitals, or a message saying what to send. */
export function currencyCode(raw: string | undefined): string {
  const code = (raw ?? 'USD').trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(code)) {
    throw new SimulatorInputError(`currency must be a three-letter code such as USD, not "${raw}"`);
  }
  return code;
}

/** The currency's minor-unit digits as ICU knows them (2 for USD and EUR, 0 for JPY). */
function decimalPlacesOf(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits ?? 2
  );
}
