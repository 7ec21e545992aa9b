import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describeStreamStoreContract } from '../../test/support/stream-store-contract.js';
import { SqliteStreamStore } from './sqlite-stream-store.js';
import { MemoryStreamStore, type StreamStore } from './stream-store.js';

const stores: StreamStore[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

const path = () => join(mkdtempSync(join(tmpdir(), 'twitch-realtime-streams-')), 'streams.db');

describeStreamStoreContract('SqliteStreamStore', async () => {
  const file = path();
  const store = SqliteStreamStore.open(file);
  stores.push(store);
  return {
    store,
    reopen: async () => {
      store.close();
      const again = SqliteStreamStore.open(file);
      stores.push(again);
      return again;
    },
  };
});

describeStreamStoreContract('MemoryStreamStore', async () => {
  const store = new MemoryStreamStore();
  return { store, reopen: async () => store };
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
