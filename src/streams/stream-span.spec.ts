import { StreamSpans, type LivePoll } from './stream-span.js';

const T0 = Date.parse('2026-12-01T18:00:00.000Z');
const MIN = 60_000;
const at = (minutes: number) => T0 + minutes * MIN;
const iso = (minutes: number) => new Date(at(minutes)).toISOString();

function poll(
  minutes: number,
  live: boolean,
  viewers: number,
  lastId: number,
  startedAt = iso(0),
): LivePoll {
  return { live, viewers, startedAt: live ? startedAt : null, at: at(minutes), lastId };
}

describe('StreamSpans', () => {
  it('a stream runs from its stream.online to its stream.offline, with the ids between', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.offline(50, at(120));
    expect(spans.current).toBeUndefined();
    expect(spans.all).toEqual([
      expect.objectContaining({
        id: 1,
        startedAt: iso(0),
        startSource: 'stream.online',
        firstId: 10,
        endedAt: iso(120),
        endSource: 'stream.offline',
        lastId: 50,
      }),
    ]);
  });

  it('keeps each live poll’s viewers: peak, sum, last, and a sample for the series', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    expect(spans.poll(poll(1, true, 40, 11)).sample).toEqual({
      streamId: 1,
      at: at(1),
      viewers: 40,
    });
    spans.poll(poll(2, true, 90, 12));
    spans.poll(poll(3, true, 50, 13));
    expect(spans.current?.viewers).toEqual({ polls: 3, peak: 90, sum: 180, last: 50 });
    expect(spans.current?.lastLivePollAt).toBe(iso(3));
  });

  it('a poll that does not list the stream yet, right after stream.online, ends nothing', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    expect(spans.poll(poll(0.1, false, 0, 11)).changed).toEqual([]);
    expect(spans.current?.id).toBe(1);
  });

  it('a stream with no stream.offline ends at the next stream.online: at its last live poll', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.poll(poll(30, true, 20, 20));
    const { changed } = spans.online(100, at(300), iso(300));
    expect(changed.map((span) => span.id)).toEqual([1, 2]);
    expect(spans.all[0]).toMatchObject({ endedAt: iso(30), endSource: 'last-poll', lastId: 99 });
    expect(spans.current).toMatchObject({ id: 2, firstId: 100, startedAt: iso(300) });
  });

  it('a stream no poll saw live, with no stream.offline, ends when the next one begins', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.online(100, at(300), iso(300));
    expect(spans.all[0]).toMatchObject({ endedAt: iso(300), endSource: 'next-online', lastId: 99 });
  });

  it('a poll that finds the channel offline ends the stream at the last poll that saw it live', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.poll(poll(1, true, 5, 11));
    spans.poll(poll(2, false, 0, 30));
    expect(spans.all[0]).toMatchObject({ endedAt: iso(1), endSource: 'last-poll', lastId: 30 });
  });

  it('a poll alone begins a stream at Helix’s started_at, and its stream.online, late, only confirms it', () => {
    const spans = new StreamSpans();
    spans.poll(poll(5, true, 12, 40));
    expect(spans.current).toMatchObject({ startSource: 'helix', startedAt: iso(0), firstId: 41 });
    spans.online(45, at(6), iso(0));
    expect(spans.all).toHaveLength(1);
    expect(spans.current).toMatchObject({ startSource: 'stream.online', firstId: 41 });
  });

  it('a stream a poll begins takes the events since Helix’s started_at that no earlier stream holds', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.offline(20, at(30));
    const asked: Array<[string, number, number]> = [];
    spans.poll(poll(62, true, 5, 40, iso(60)), (time, after, upTo) => {
      asked.push([time, after, upTo]);
      return 33;
    });
    expect(asked).toEqual([[iso(60), 20, 40]]);
    expect(spans.current).toMatchObject({ id: 2, startSource: 'helix', firstId: 33 });
    // The stream's own polls ask nothing more.
    spans.poll(poll(63, true, 6, 41, iso(60)), () => {
      throw new Error('asked again');
    });
    expect(spans.current?.viewers.polls).toBe(2);
  });

  it('Helix listing a stream a little after its stream.offline does not begin it again', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.offline(20, at(60));
    expect(spans.poll(poll(60.5, true, 3, 21)).changed).toEqual([]);
    expect(spans.current).toBeUndefined();
    expect(spans.all).toHaveLength(1);
  });

  it('a stream ended by a poll that missed it goes on when the next poll sees it live again', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.poll(poll(1, true, 5, 11));
    spans.poll(poll(2, false, 0, 12));
    spans.poll(poll(3, true, 7, 13));
    expect(spans.all).toHaveLength(1);
    expect(spans.current).toMatchObject({ id: 1, endedAt: null, lastId: null });
    expect(spans.current?.viewers.polls).toBe(2);
  });

  it('a poll that sees another broadcast (a new started_at) ends the current stream and begins that one', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.poll(poll(10, true, 5, 11));
    spans.poll(poll(200, true, 8, 60, iso(190)));
    expect(spans.all[0]).toMatchObject({ endedAt: iso(10), endSource: 'last-poll', lastId: 60 });
    expect(spans.current).toMatchObject({
      id: 2,
      startSource: 'helix',
      startedAt: iso(190),
      firstId: 61,
    });
  });

  it('a stream live when the service stopped is current again from the spans kept', () => {
    const first = new StreamSpans();
    first.online(10, at(0), iso(0));
    first.poll(poll(1, true, 5, 11));
    const kept = JSON.parse(JSON.stringify(first.all)) as typeof first.all;
    const again = new StreamSpans(kept);
    expect(again.current?.id).toBe(1);
    again.poll(poll(20, true, 9, 90));
    expect(again.current?.viewers).toEqual({ polls: 2, peak: 9, sum: 14, last: 9 });
    again.online(100, at(400), iso(400));
    expect(again.current?.id).toBe(2);
  });

  it('a stream.offline recovered after a gap ends the stream at the last poll that saw it live', () => {
    const spans = new StreamSpans();
    spans.online(10, at(0), iso(0));
    spans.poll(poll(50, true, 5, 11));
    spans.offline(40, at(200), true);
    expect(spans.all[0]).toMatchObject({ endedAt: iso(50), endSource: 'last-poll', lastId: 40 });
  });

  it('a stream.offline with no stream known is ignored', () => {
    const spans = new StreamSpans();
    expect(spans.offline(5, at(0)).changed).toEqual([]);
    expect(spans.all).toEqual([]);
  });
});
