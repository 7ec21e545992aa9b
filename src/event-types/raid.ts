import type { EventTypeDescriptor } from './event-type-descriptor.js';
import { loginField, numberField } from './sample-fields.js';

const RAIDER = { id: '7001', login: 'cozycastle', name: 'CozyCastle' };

/** Raids coming in (`to_broadcaster_user_id`). */
export const RAID: EventTypeDescriptor = {
  type: 'channel.raid',
  version: '1',
  scope: null,
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onChannelRaidTo(id, handler),
  sample: ({ broadcaster }) => ({
    from_broadcaster_user_id: RAIDER.id,
    from_broadcaster_user_login: RAIDER.login,
    from_broadcaster_user_name: RAIDER.name,
    to_broadcaster_user_id: broadcaster.broadcaster_user_id,
    to_broadcaster_user_login: broadcaster.broadcaster_user_login,
    to_broadcaster_user_name: broadcaster.broadcaster_user_name,
    viewers: 42,
  }),
  simulatorTrigger: (data) => ({
    user: loginField(data, 'from_broadcaster_user_login'),
    viewers: numberField(data, 'viewers'),
  }),
};
