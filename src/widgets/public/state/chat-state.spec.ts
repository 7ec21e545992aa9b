import type { EventMessage, StreamMessage } from '../../../contract/sse-contract.js';
import { fromOtherChannel } from '../lib/chat-message-parts.js';
import {
  chatShows,
  EMPTY_CHAT,
  reduceChat,
  type ChatFilter,
  type ChatState,
} from './chat-state.js';

const filter: ChatFilter = {
  limit: 3,
  hideCommands: true,
  bots: new Set(['nightbot']),
  sharedChat: true,
  notices: true,
};

const CHANNEL = { broadcaster_user_id: '1000' };

const chat = (
  messageId: string,
  chatter: string,
  words = 'hello',
  extra: Record<string, unknown> = {},
): EventMessage => ({
  type: 'event',
  event: 'channel.chat.message',
  data: {
    ...CHANNEL,
    message_id: messageId,
    chatter_user_id: `id-${chatter}`,
    chatter_user_login: chatter,
    message: { text: words, fragments: [{ type: 'text', text: words }] },
    ...extra,
  },
});

const moderation = (event: EventMessage['event'], data: Record<string, unknown>): EventMessage => ({
  type: 'event',
  event,
  data: { ...CHANNEL, ...data },
});

/** Folds messages (with their ids) into a state, in the order given. */
function fold(steps: Array<[EventMessage | StreamMessage, number]>, from: ChatState = EMPTY_CHAT) {
  return steps.reduce((state, [message, id]) => reduceChat(state, message, id, filter), from);
}

const shown = (state: ChatState) => state.lines.map((line) => line.messageId);

describe("the chat box's lines", () => {
  it('shows messages in id order however they arrive, each once, at most its limit', () => {
    const state = fold([
      [chat('c', 'cat'), 30],
      [chat('a', 'ann'), 10],
      [chat('b', 'bob'), 20],
    ]);
    expect(shown(state)).toEqual(['a', 'b', 'c']);
    expect(reduceChat(state, chat('b', 'bob'), 20, filter)).toBe(state);
    const more = reduceChat(state, chat('d', 'dan'), 40, filter);
    expect(shown(more)).toEqual(['b', 'c', 'd']);
    expect(reduceChat(more, chat('old', 'old'), 5, filter)).toBe(more);
  });

  it('removes a deleted message, and never shows it when the delete came first (a reload)', () => {
    const live = fold([
      [chat('a', 'ann'), 10],
      [chat('b', 'bob'), 11],
      [
        moderation('channel.chat.message_delete', { message_id: 'a', target_user_id: 'id-ann' }),
        12,
      ],
    ]);
    expect(shown(live)).toEqual(['b']);
    // The history loads newest first: the delete arrives before the message it deleted.
    const reloaded = fold([
      [
        moderation('channel.chat.message_delete', { message_id: 'a', target_user_id: 'id-ann' }),
        12,
      ],
      [chat('b', 'bob'), 11],
      [chat('a', 'ann'), 10],
    ]);
    expect(shown(reloaded)).toEqual(['b']);
  });

  it("removes a timed-out or banned chatter's earlier messages, not later ones, in any order", () => {
    const steps: Array<[EventMessage, number]> = [
      [chat('a1', 'ann'), 10],
      [chat('b1', 'bob'), 11],
      [chat('a2', 'ann'), 12],
      [moderation('channel.chat.clear_user_messages', { target_user_id: 'id-ann' }), 13],
      [chat('a3', 'ann', 'back after the timeout'), 14],
    ];
    expect(shown(fold(steps))).toEqual(['b1', 'a3']);
    expect(shown(fold([...steps].reverse()))).toEqual(['b1', 'a3']);
  });

  it('empties on a clear, keeps what comes after it, in any order', () => {
    const steps: Array<[EventMessage, number]> = [
      [chat('a', 'ann'), 10],
      [chat('b', 'bob'), 11],
      [moderation('channel.chat.clear', {}), 12],
      [chat('c', 'cat'), 13],
    ];
    expect(shown(fold(steps))).toEqual(['c']);
    expect(shown(fold([...steps].reverse()))).toEqual(['c']);
    const cleared = fold(steps);
    expect(reduceChat(cleared, moderation('channel.chat.clear', {}), 12, filter)).toBe(cleared);
  });

  it('changes nothing for a delete of a message it never showed twice, or other messages', () => {
    const state = fold([[chat('a', 'ann'), 10]]);
    const deleted = moderation('channel.chat.message_delete', { message_id: 'zzz' });
    const after = reduceChat(state, deleted, 11, filter);
    expect(shown(after)).toEqual(['a']);
    expect(reduceChat(after, deleted, 11, filter)).toBe(after);
    expect(
      reduceChat(state, { type: 'stats', data: {} } as unknown as StreamMessage, 12, filter),
    ).toBe(state);
    expect(
      reduceChat(state, { type: 'event', event: 'channel.follow', data: {} }, 13, filter),
    ).toBe(state);
  });

  it('remembers a bounded number of deleted ids', () => {
    let state = EMPTY_CHAT;
    for (let i = 0; i < 1100; i++) {
      state = reduceChat(
        state,
        moderation('channel.chat.message_delete', { message_id: `m${i}` }),
        i + 1,
        filter,
      );
    }
    expect(state.deleted.size).toBe(1000);
    expect(state.deleted.has('m1099')).toBe(true);
    expect(state.deleted.has('m0')).toBe(false);
  });
});

describe('what the chat box leaves out', () => {
  it('commands, bots, replays for alert boxes; notices and other channels when told to', () => {
    expect(chatShows(chat('a', 'ann', '!uptime'), filter)).toBe(false);
    expect(chatShows(chat('a', 'ann', '  !so someone'), filter)).toBe(false);
    expect(chatShows(chat('a', 'ann', '!uptime'), { ...filter, hideCommands: false })).toBe(true);
    expect(chatShows(chat('a', 'ann', 'wow !'), filter)).toBe(true);
    expect(chatShows(chat('a', 'NightBot'), filter)).toBe(false);
    expect(chatShows({ ...chat('a', 'ann'), replayOf: 3 }, filter)).toBe(false);
    const notice: EventMessage = {
      type: 'event',
      event: 'channel.chat.notification',
      data: { ...CHANNEL, message_id: 'n', chatter_user_login: 'ann', message: { text: '' } },
    };
    expect(chatShows(notice, filter)).toBe(true);
    expect(chatShows(notice, { ...filter, notices: false })).toBe(false);
    const shared = chat('s', 'visitor', 'hi', { source_broadcaster_user_id: '7002' });
    expect(chatShows(shared, filter)).toBe(true);
    expect(chatShows(shared, { ...filter, sharedChat: false })).toBe(false);
    // Under shared chat this channel's own messages name it as their source: still its own.
    const own = chat('o', 'ann', 'hi', { source_broadcaster_user_id: '1000' });
    expect(chatShows(own, { ...filter, sharedChat: false })).toBe(true);
    expect(fromOtherChannel(own.data)).toBe(false);
    expect(fromOtherChannel({ ...CHANNEL, source_broadcaster_user_id: null })).toBe(false);
  });
});
