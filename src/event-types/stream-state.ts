import type { EventTypeDescriptor } from './event-type-descriptor.js';

/** The stream went live. A broadcast has one stream `id` (Twitch was seen sending it twice). */
export const STREAM_ONLINE: EventTypeDescriptor = {
  type: 'stream.online',
  version: '1',
  scope: null,
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onStreamOnline(id, handler),
  identity: (data) => [data.id],
  sample: ({ broadcaster, now }) => ({
    id: `test-${Date.now()}`,
    ...broadcaster,
    type: 'live',
    started_at: now,
  }),
};

/** The stream ended: nothing identifies one offline from another. */
export const STREAM_OFFLINE: EventTypeDescriptor = {
  type: 'stream.offline',
  version: '1',
  scope: null,
  byDefault: true,
  subscribe: (listener, id, handler) => listener.onStreamOffline(id, handler),
  sample: ({ broadcaster }) => ({ ...broadcaster }),
};
