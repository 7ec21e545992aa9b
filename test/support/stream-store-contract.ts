import { StreamSpans } from '../../src/streams/stream-span.js';
import type { StreamStore } from '../../src/streams/stream-store.js';

/** A store under test, and how to get it again where it keeps its streams (after its writes). */
export interface StreamStoreUnderTest {
  readonly store: StreamStore;
  /** The streams as a store opened again on the same place has them (a restart, another instance). */
  readonly reopen: () => Promise<StreamStore>;
}

/** Two streams as the ledger keeps them: one ended with a poll's viewers, one live. */
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

/**
 * What every `StreamStore` must do, as Jest tests: a spec calls it with a way to open its store.
 * A store shared by instances answers `sharedSpans` too, the same list.
 */
export function describeStreamStoreContract(
  name: string,
  open: () => Promise<StreamStoreUnderTest>,
): void {
  describe(`${name} (the StreamStore contract)`, () => {
    it('keeps each stream as it was last saved, and each stream’s viewers', async () => {
      const { store, reopen } = await open();
      keepTwoStreams(store);
      for (const kept of [store.load(), (await reopen()).load()]) {
        expect(kept.map((span) => [span.id, span.endSource])).toEqual([
          [1, 'stream.offline'],
          [2, null],
        ]);
        expect(kept[0]?.viewers).toEqual({ polls: 1, peak: 7, sum: 7, last: 7 });
      }
      const again = await reopen();
      expect(new StreamSpans(again.load()).current?.id).toBe(2);
      expect(await again.viewers(1)).toEqual([{ streamId: 1, at: 2_000, viewers: 7 }]);
      expect(await again.viewers(2)).toEqual([]);
      if (again.sharedSpans) expect(await again.sharedSpans()).toEqual(again.load());
    });
  });
}
