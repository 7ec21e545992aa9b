import { EventBus } from '../bus/event-bus.js';
import { MemoryEventLog } from '../bus/memory-event-log.js';
import type { EventMessage } from '../contract/sse-contract.js';
import {
  TwitchEventIngest,
  type DroppedDuplicate,
  type ReceivedTwitchEvent,
} from './twitch-event-ingest.js';

const follow = (user: string) => ({
  user_id: user,
  user_login: user,
  followed_at: '2026-12-06T12:00:00.123Z',
});
const cheer = { user_id: '7', bits: 100, message: 'Cheer100' };

describe('TwitchEventIngest: where every notification enters, once', () => {
  let bus: EventBus;
  let ingest: TwitchEventIngest;
  let published: EventMessage[];
  let received: ReceivedTwitchEvent[];
  let dropped: DroppedDuplicate[];

  beforeEach(() => {
    bus = new EventBus(new MemoryEventLog(100));
    ingest = new TwitchEventIngest(bus);
    published = [];
    received = [];
    dropped = [];
    bus.messages$.subscribe(({ message }) => {
      if (message.type === 'event') published.push(message);
    });
    ingest.events$.subscribe((event) => received.push(event));
    ingest.duplicates$.subscribe((duplicate) => dropped.push(duplicate));
  });

  it('publishes Twitch’s event object as it came, then tells the projections with its id', () => {
    ingest.receive({ type: 'channel.follow', data: follow('ann'), messageId: 'm1', receivedAt: 5 });
    expect(published).toEqual([
      { type: 'event', event: 'channel.follow', data: follow('ann'), sentAt: expect.any(String) },
    ]);
    expect(received).toEqual([
      { type: 'channel.follow', data: follow('ann'), publishedId: bus.lastId },
    ]);
  });

  it('only counts a redelivered message_id, which Twurple drops', () => {
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm1' });
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm1', redelivered: true });
    expect(published).toHaveLength(1);
    expect(dropped).toEqual([
      { type: 'channel.cheer', reason: 'message_id', messageId: 'm1', firstMessageId: 'm1' },
    ]);
  });

  it('drops the same follow sent again under a new message_id, naming the first one', () => {
    ingest.receive({ type: 'channel.follow', data: follow('ann'), messageId: 'm1' });
    ingest.receive({ type: 'channel.follow', data: follow('ann'), messageId: 'm2' });
    expect(published).toHaveLength(1);
    expect(dropped).toEqual([
      { type: 'channel.follow', reason: 'event_identity', messageId: 'm2', firstMessageId: 'm1' },
    ]);
  });

  it('publishes two alike cheers under two message_ids: nothing identifies a cheer, and a paid alert is never guessed away', () => {
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm1' });
    ingest.receive({ type: 'channel.cheer', data: cheer, messageId: 'm2' });
    expect(published).toHaveLength(2);
    expect(dropped).toEqual([]);
  });

  it('de-duplicates chat by the message’s own message_id only: the same words twice are two messages', () => {
    const chat = (messageId: string) => ({
      chatter_user_id: '7',
      chatter_user_login: 'ann',
      message_id: messageId,
      message: { text: 'gg', fragments: [] },
    });
    ingest.receive({ type: 'channel.chat.message', data: chat('c1'), messageId: 'm1' });
    ingest.receive({ type: 'channel.chat.message', data: chat('c2'), messageId: 'm2' });
    // Twitch sent c1 again under a new EventSub message_id.
    ingest.receive({ type: 'channel.chat.message', data: chat('c1'), messageId: 'm3' });
    expect(published.map(({ data }) => data.message_id)).toEqual(['c1', 'c2']);
    expect(dropped).toEqual([
      {
        type: 'channel.chat.message',
        reason: 'event_identity',
        messageId: 'm3',
        firstMessageId: 'm1',
      },
    ]);
    // Kept as chat, apart from the other events.
    expect(bus.chatWindow.size).toBe(2);
    expect(bus.replayWindow.size).toBe(0);
  });

  it('drops EventSub delivering late what was recovered through Helix after a gap', () => {
    const gap = { start: '2026-12-06T11:59:00.000Z', end: '2026-12-06T12:01:00.000Z' };
    const sub = { user_id: '9', user_login: 'cy', tier: '1000', is_gift: false };
    expect(ingest.receiveRecovered('channel.follow', follow('bea'), gap)).toBe(true);
    expect(ingest.receiveRecovered('channel.subscribe', sub, gap)).toBe(true);
    ingest.receive({ type: 'channel.follow', data: follow('bea'), messageId: 'late-1' });
    ingest.receive({ type: 'channel.subscribe', data: sub, messageId: 'late-2' });
    expect(published.map((message) => message.recovered ?? false)).toEqual([true, true]);
    // A follow is known by its viewer and time; a sub, which has no identity, by what Helix listed.
    expect(dropped.map((duplicate) => duplicate.reason)).toEqual(['event_identity', 'recovered']);
    // And the other way round: what was published is not recovered again.
    expect(ingest.receiveRecovered('channel.follow', follow('bea'), gap)).toBe(false);
  });
});
