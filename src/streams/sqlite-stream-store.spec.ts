import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SqliteStreamStore } from './sqlite-stream-store.js';
import { StreamSpans } from './stream-span.js';
import { MemoryStreamStore, type StreamStore } from './stream-store.js';

const stores: StreamStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const path = () => join(mkdtempSync(join(tmpdir(), 'twitch-realtime-streams-')), 'streams.db');

function keepTwoStreams(store: StreamStore): void {
  const spans = new StreamSpans();
  const keep = ({ changed, sample }: ReturnType<StreamSpans['poll']>) => {
    changed.forEach((span) => store.save(span));
    if (sample) store.addViewers(sample);
  };
  keep(spans.online(10, 1_000, '2026-12-01T18:00:00.000Z'));
  keep(
    spans.poll({
      live: true,
      viewers: 7,
      startedAt: '2026-12-01T18:00:00.000Z',
      at: 2_000,
      lastId: 11,
    }),
  );
  keep(spans.offline(20, 3_000));
  keep(spans.online(30, 4_000, '2026-12-02T18:00:00.000Z'));
}

describe.each([
  ['SqliteStreamStore', () => SqliteStreamStore.open(path())],
  ['MemoryStreamStore', () => new MemoryStreamStore()],
])('%s', (_name, open) => {
  it('keeps each stream as it was last saved, and each stream’s viewers', () => {
    const store = open();
    stores.push(store);
    keepTwoStreams(store);
    const kept = store.load();
    expect(kept.map((span) => [span.id, span.endSource])).toEqual([
      [1, 'stream.offline'],
      [2, null],
    ]);
    expect(kept[0]?.viewers).toEqual({ polls: 1, peak: 7, sum: 7, last: 7 });
    expect(store.viewers(1)).toEqual([{ streamId: 1, at: 2_000, viewers: 7 }]);
    expect(store.viewers(2)).toEqual([]);
  });
});

describe('SqliteStreamStore across a restart', () => {
  it('gives back the streams and the series after the file is opened again', () => {
    const file = path();
    const first = SqliteStreamStore.open(file);
    keepTwoStreams(first);
    first.close();
    const again = SqliteStreamStore.open(file);
    stores.push(again);
    expect(new StreamSpans(again.load()).current?.id).toBe(2);
    expect(again.viewers(1)).toHaveLength(1);
  });
});

describe('SqliteStreamStore on a file that is not a database', () => {
  it('moves it aside, says so, and starts a new list', () => {
    const file = path();
    writeFileSync(file, 'not a database, just text that is long enough to be read as a header');
    const said: string[] = [];
    const store = SqliteStreamStore.open(file, (message) => said.push(message));
    stores.push(store);
    expect(store.load()).toEqual([]);
    expect(said).toEqual([expect.stringContaining('could not be read')]);
    expect(existsSync(file)).toBe(true);
    const folder = dirname(file);
    expect(readdirSync(folder).some((name) => name.startsWith('streams.db.corrupt-'))).toBe(true);
  });
});
