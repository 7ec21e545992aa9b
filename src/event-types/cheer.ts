import type { EventTypeDescriptor } from './event-type-descriptor.js';

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
};
