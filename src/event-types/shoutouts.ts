import type { EventTypeDescriptor } from './event-type-descriptor.js';
import type { SampleContext } from './sample-context.js';
import { loginField, numberField } from './sample-fields.js';

const SCOPE = 'moderator:read:shoutouts';
const OTHER_CHANNEL = { id: '7002', login: 'pixelharbor', name: 'PixelHarbor' };

/** The broadcaster as the moderator: the service listens with the broadcaster's own token. */
function asModerator({ broadcaster }: SampleContext) {
  return {
    moderator_user_id: broadcaster.broadcaster_user_id,
    moderator_user_login: broadcaster.broadcaster_user_login,
    moderator_user_name: broadcaster.broadcaster_user_name,
  };
}

/** This channel shouting out another one (`/shoutout`). */
export const SHOUTOUT_CREATE: EventTypeDescriptor = {
  type: 'channel.shoutout.create',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  // The broadcaster is their own channel's moderator.
  subscribe: (listener, id, handler) => listener.onChannelShoutoutCreate(id, id, handler),
  sample: (context) => {
    const at = Date.parse(context.now);
    return {
      ...context.broadcaster,
      ...asModerator(context),
      to_broadcaster_user_id: OTHER_CHANNEL.id,
      to_broadcaster_user_login: OTHER_CHANNEL.login,
      to_broadcaster_user_name: OTHER_CHANNEL.name,
      viewer_count: 120,
      started_at: context.now,
      cooldown_ends_at: new Date(at + 120_000).toISOString(),
      target_cooldown_ends_at: new Date(at + 3_600_000).toISOString(),
    };
  },
  simulatorTrigger: (data) => ({
    user: loginField(data, 'to_broadcaster_user_login'),
    viewers: numberField(data, 'viewer_count'),
  }),
};

/** Another channel shouting this one out. */
export const SHOUTOUT_RECEIVE: EventTypeDescriptor = {
  type: 'channel.shoutout.receive',
  version: '1',
  scope: SCOPE,
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelShoutoutReceive(id, id, handler),
  sample: ({ broadcaster, now }) => ({
    ...broadcaster,
    from_broadcaster_user_id: OTHER_CHANNEL.id,
    from_broadcaster_user_login: OTHER_CHANNEL.login,
    from_broadcaster_user_name: OTHER_CHANNEL.name,
    viewer_count: 340,
    started_at: now,
  }),
  simulatorTrigger: (data) => ({
    user: loginField(data, 'from_broadcaster_user_login'),
    viewers: numberField(data, 'viewer_count'),
  }),
};
