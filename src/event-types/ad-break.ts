import type { EventTypeDescriptor } from './event-type-descriptor.js';
import { numberField } from './sample-fields.js';

/** Ads starting on the channel: the "back in 1:30" card. */
export const AD_BREAK_BEGIN: EventTypeDescriptor = {
  type: 'channel.ad_break.begin',
  version: '1',
  scope: 'channel:read:ads',
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelAdBreakBegin(id, handler),
  // A break is one happening of the channel's: the same start is the same break.
  identity: (data) => [data.started_at],
  sample: ({ broadcaster, now }) => ({
    ...broadcaster,
    duration_seconds: 90,
    started_at: now,
    is_automatic: false,
    requester_user_id: broadcaster.broadcaster_user_id,
    requester_user_login: broadcaster.broadcaster_user_login,
    requester_user_name: broadcaster.broadcaster_user_name,
  }),
  simulatorTrigger: (data) => ({
    seconds: numberField(data, 'duration_seconds'),
    automatic: data.is_automatic === true,
  }),
};
