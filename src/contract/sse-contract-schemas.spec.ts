import type { StreamMessage, StreamMessageVariant } from './sse-contract.js';
import { loadSseMessageSchemas, sseSchemaNameOf } from './sse-contract-schemas.js';

describe('the JSON Schemas generated from the contract', () => {
  // Whether they are up to date with the TypeScript types is `npm run schemas:check` (in
  // `npm run lint`): it runs the TypeScript compiler, about 12 CPU-seconds.
  it('name one schema per message variant, and every variant is a StreamMessage', () => {
    // A compile-time check as much as a run-time one: the variants the schemas describe are
    // messages the server may send.
    const variant: StreamMessageVariant = { type: 'control', data: { action: 'skip' } };
    const message: StreamMessage = variant;
    expect(sseSchemaNameOf(message)).toBe('control');
    const names = [...loadSseMessageSchemas().keys()];
    for (const name of [
      'stream-message',
      'stats',
      'event',
      'event.channel.follow',
      'event.stream.offline',
      'status',
      'status.eventsub',
      'status.poll',
      'status.auth',
      'status.recovery',
      'status.eventLog',
      'status.replay-incomplete',
      'control',
    ]) {
      expect(names).toContain(name);
    }
    expect(sseSchemaNameOf({ type: 'status', data: { replay: 'incomplete' } })).toBe(
      'status.replay-incomplete',
    );
    expect(sseSchemaNameOf({ type: 'event', event: 'channel.cheer', data: {} })).toBe(
      'event.channel.cheer',
    );
  });
});
