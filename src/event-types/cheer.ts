import type { EventTypeDescriptor } from './event-type-descriptor.js';
import { loginField, numberField, textField } from './sample-fields.js';

/** Bits cheered in chat. */
export const CHEER: EventTypeDescriptor = {
  type: 'channel.cheer',
  version: '1',
  scope: 'bits:read',
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onChannelCheer(id, handler),
  sample: ({ user, broadcaster }) => ({
    is_anonymous: false,
    ...user,
    ...broadcaster,
    message: 'Cheer100 Loving the stream!',
    bits: 100,
  }),
  simulatorTrigger: (data) => {
    const anonymous = data.is_anonymous === true;
    return {
      user: anonymous ? undefined : loginField(data),
      bits: numberField(data, 'bits'),
      message: textField(data, 'message'),
      anonymous,
    };
  },
};
