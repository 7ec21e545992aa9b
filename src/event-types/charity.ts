import type { EventTypeDescriptor, TwitchEventData } from './event-type-descriptor.js';
import { SAMPLE_IDS } from './sample-context.js';
import { loginField, textField } from './sample-fields.js';

const SCOPE = 'channel:read:charity';

const CHARITY = {
  charity_name: 'Example Friends',
  charity_description: 'Books for every school library.',
  charity_logo: 'https://static-cdn.jtvnw.net/example-charity-logo.png',
  charity_website: 'https://example.org',
};

const usd = (value: number) => ({ value, decimal_places: 2, currency: 'USD' });

/** The value of an amount field (`{value, decimal_places, currency}`), for the simulator. */
function amountValue(data: TwitchEventData, name: string): number | undefined {
  const amount = data[name] as { value?: unknown } | undefined;
  return typeof amount?.value === 'number' ? amount.value : undefined;
}

/** A viewer's donation to the channel's charity campaign: an alert. */
export const CHARITY_DONATE: EventTypeDescriptor = {
  type: 'channel.charity_campaign.donate',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelCharityDonation(id, handler),
  // The donation's own id: the same donation sent again is the same one.
  identity: (data) => [data.id],
  sample: ({ user, broadcaster }) => ({
    id: '5f7e1bd1-2a2f-4d53-9a52-1f0e1a6f0021',
    campaign_id: SAMPLE_IDS.charity,
    ...broadcaster,
    ...user,
    ...CHARITY,
    amount: usd(1550),
  }),
  simulatorTrigger: (data) => {
    const amount = data.amount as { currency?: unknown } | undefined;
    return {
      user: loginField(data),
      amount: amountValue(data, 'amount'),
      currency: typeof amount?.currency === 'string' ? amount.currency : undefined,
    };
  },
};

/*
 * The campaign's life, for the charity goal bar: it starts and stops once (identified by the
 * campaign's id); two progress events can be alike.
 */

/** A charity campaign starting. */
export const CHARITY_START: EventTypeDescriptor = {
  type: 'channel.charity_campaign.start',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  identity: (data) => [data.id],
  subscribe: (listener, id, handler) => listener.onChannelCharityCampaignStart(id, handler),
  sample: ({ broadcaster, now }) => ({
    id: SAMPLE_IDS.charity,
    ...broadcaster,
    ...CHARITY,
    current_amount: usd(0),
    target_amount: usd(150_000),
    started_at: now,
  }),
  simulatorTrigger: (data) => ({
    target: amountValue(data, 'target_amount'),
    charity: textField(data, 'charity_name'),
  }),
};

/** The campaign's amounts moving. */
export const CHARITY_PROGRESS: EventTypeDescriptor = {
  type: 'channel.charity_campaign.progress',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelCharityCampaignProgress(id, handler),
  sample: ({ broadcaster }) => ({
    id: SAMPLE_IDS.charity,
    ...broadcaster,
    ...CHARITY,
    current_amount: usd(26_000),
    target_amount: usd(150_000),
  }),
  simulatorTrigger: (data) => ({ amount: amountValue(data, 'current_amount') }),
};

/** The campaign ending. */
export const CHARITY_STOP: EventTypeDescriptor = {
  type: 'channel.charity_campaign.stop',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  identity: (data) => [data.id],
  subscribe: (listener, id, handler) => listener.onChannelCharityCampaignStop(id, handler),
  sample: ({ broadcaster, now }) => ({
    id: SAMPLE_IDS.charity,
    ...broadcaster,
    ...CHARITY,
    current_amount: usd(152_000),
    target_amount: usd(150_000),
    stopped_at: now,
  }),
};
