import { inIdOrder } from './redis-stream-reader.js';
import { WRITE_BATCH } from './redis-stream-writer.js';

const entry = (id: number): [string, string[]] => [`${id}-0`, ['k', 'h']];
const ids = (entries: [string, string[]][]) => entries.map(([id]) => Number(id.split('-')[0]));

describe('inIdOrder: one read of the log’s and chat’s streams, merged', () => {
  it('merges the two streams by id', () => {
    const merged = inIdOrder([
      ['log', [entry(1), entry(4)]],
      ['chat', [entry(2), entry(3), entry(5)]],
    ]);
    expect(ids(merged)).toEqual([1, 2, 3, 4, 5]);
  });

  it('stops at the last entry of a stream that gave a full batch: the other stream’s later entries wait for the next read', () => {
    const chat = Array.from({ length: WRITE_BATCH }, (_, n) => entry(2 * n + 2));
    const merged = inIdOrder([
      ['log', [entry(1), entry(3), entry(2 * WRITE_BATCH + 5)]],
      ['chat', chat],
    ]);
    const last = 2 * WRITE_BATCH;
    expect(ids(merged).at(-1)).toBe(last);
    expect(ids(merged)).not.toContain(2 * WRITE_BATCH + 5);
    expect(ids(merged).slice(0, 4)).toEqual([1, 2, 3, 4]);
  });

  it('takes a read of one stream as it is', () => {
    expect(ids(inIdOrder([['chat', [entry(7), entry(8)]]]))).toEqual([7, 8]);
  });
});
