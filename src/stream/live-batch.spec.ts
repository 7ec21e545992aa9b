import type { PublishedMessage } from '../bus/published-message.js';
import type { StreamMessage } from '../contract/sse-contract.js';
import { LiveBatch } from './live-batch.js';
import { publishedFrame } from './sse-frames.js';
import { parseStreamFilter } from './stream-filter.js';

function published(id: number, message: StreamMessage): PublishedMessage {
  return { id, message, json: JSON.stringify(message), publishedAt: 0 };
}

const follow = (id: number) =>
  published(id, { type: 'event', event: 'channel.follow', data: { user_id: `${id}` } });
const stats = (id: number) =>
  published(id, { type: 'stats', data: { live: true, viewers: id, followers: 1, subs: 1 } });

describe('LiveBatch', () => {
  const turn = [follow(11), stats(12), follow(13)];

  it("gives a filter group its messages' chunks side by side, in one buffer", () => {
    const batch = new LiveBatch(turn);
    const group = batch.forGroup(parseStreamFilter('event'));
    const wire = group?.framesFrom(group.startFor(10));
    const expected = [turn[0], turn[2]].map((m) => publishedFrame(m as PublishedMessage).chunk);
    expect(wire?.chunk).toEqual(Buffer.concat(expected));
  });

  it('gives a client that connected in the middle of the turn only the messages after its cursor', () => {
    const group = new LiveBatch(turn).forGroup(parseStreamFilter());
    expect(group?.framesFrom(group.startFor(12))?.chunk).toEqual(
      publishedFrame(turn[2] as PublishedMessage).chunk,
    );
    expect(group?.framesFrom(group.startFor(13))).toBeNull();
  });

  it('has nothing for a group whose filter passes none of the messages', () => {
    expect(new LiveBatch(turn).forGroup(parseStreamFilter('status'))).toBeNull();
  });

  it('counts, per message, the clients it went to and when it first went', () => {
    const batch = new LiveBatch(turn);
    const everything = batch.forGroup(parseStreamFilter());
    everything?.sent(0);
    everything?.sent(2); // a client that connected after id 12
    everything?.finish();
    const events = batch.forGroup(parseStreamFilter('event'));
    events?.sent(0);
    events?.finish();
    const counts: Array<[number, number]> = [];
    batch.forEachDelivered((message, clients, firstWriteAt) => {
      expect(firstWriteAt).toBeGreaterThan(0);
      counts.push([message.id, clients]);
    });
    expect(counts).toEqual([
      [11, 2],
      [12, 1],
      [13, 3],
    ]);
  });
});
