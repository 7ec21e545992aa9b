import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderSchemaFiles, SSE_SCHEMA_DIR } from '../../scripts/json-schemas.mjs';
import type { StreamMessage, StreamMessageVariant } from './sse-contract.js';
import { loadSseMessageSchemas, sseSchemaNameOf } from './sse-contract-schemas.js';

describe('the JSON Schemas generated from the contract', () => {
  it('are up to date with the TypeScript types: run `npm run docs:schemas` after changing them', async () => {
    const files = await renderSchemaFiles(process.cwd());
    for (const [path, text] of files) {
      expect({ path, text: readFileSync(path, 'utf8') }).toEqual({ path, text });
    }
    // No schema of a message the contract no longer has.
    expect(
      readdirSync(SSE_SCHEMA_DIR)
        .map((file) => join(SSE_SCHEMA_DIR, file))
        .sort(),
    ).toEqual([...files.keys()].filter((path) => path.startsWith(SSE_SCHEMA_DIR)).sort());
    // It runs the TypeScript compiler over the contract: about 12 CPU-seconds, and on a loaded
    // 2-core machine over 30 s of wall time. The limit only guards against a hang.
  }, 120_000);

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
