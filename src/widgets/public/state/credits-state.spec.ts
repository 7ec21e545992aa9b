import type { EventMessage, StreamMessage } from '../../../contract/sse-contract.js';
import type { TwitchEventType } from '../../../contract/twitch-events.js';
import type { StreamCredits } from '../../../credits/credits-api.js';
import { CREDITS_SECTIONS as SERVER_SECTIONS } from '../../../credits/credits-tally.js';
import { CREDITS_SECTIONS } from '../lib/credits-options.js';
import { creditsFrom, reduceCredits, rolledSections, type CreditsState } from './credits-state.js';

const event = (
  type: TwitchEventType,
  data: Record<string, unknown> = {},
  extra: Partial<EventMessage> = {},
): StreamMessage => ({ type: 'event', event: type, data, ...extra });
const follow = (login: string, name = login) =>
  event('channel.follow', { user_login: login, user_name: name });

/** The server's answer for a stream, live or ended, with some names. */
const answer = (
  live: boolean,
  sections: Partial<StreamCredits['sections']> = {},
): StreamCredits => ({
  stream: {
    id: 3,
    live,
    startedAt: '2026-12-01T18:00:00.000Z',
    startSource: 'stream.online',
    endedAt: live ? null : '2026-12-01T20:00:00.000Z',
    endSource: live ? null : 'stream.offline',
    viewers: { polls: 0, peak: null, average: null, last: null },
  },
  lastId: 40,
  bitsFrom: 'channel.cheer',
  sections: {
    followers: [],
    subscribers: [],
    gifters: [],
    cheerers: [],
    raiders: [],
    redeemers: [],
    ...sections,
  },
  incomplete: [],
});

/** Folds messages in order, ids from 41. */
function fold(state: CreditsState, messages: StreamMessage[], autoStart = false): CreditsState {
  return messages.reduce(
    (s, message, n) => reduceCredits(s, message, 41 + n, { autoStart }),
    state,
  );
}

const names = (state: CreditsState, section: keyof StreamCredits['sections']) =>
  state.sections[section].map((name) => name.name);

describe('the credits roll’s state', () => {
  it('opens on the server’s names and adds the live stream’s new viewers after them, each once', () => {
    const opened = creditsFrom(
      answer(true, { followers: [{ name: 'Ann', login: 'ann', amount: 1 }] }),
    );
    const state = fold(opened, [
      follow('bob', 'Bob'),
      follow('ann', 'Ann'),
      event('channel.cheer', { user_login: 'cat', user_name: 'Cat', bits: 100 }),
      event('channel.cheer', { user_login: 'cat', user_name: 'Cat', bits: 25 }),
      event('channel.subscribe', { user_login: 'neo', user_name: 'Neo', is_gift: false }),
      event('channel.subscription.message', {
        user_login: 'old',
        user_name: 'Old',
        cumulative_months: 7,
      }),
      event('channel.subscription.gift', { user_login: 'santa', user_name: 'Santa', total: 5 }),
      event('channel.subscribe', { user_login: 'lucky', user_name: 'Lucky', is_gift: true }),
      event('channel.subscription.gift', { is_anonymous: true, user_login: null, total: 2 }),
      event('channel.raid', {
        from_broadcaster_user_login: 'ray',
        from_broadcaster_user_name: 'Ray',
        viewers: 30,
      }),
      event('channel.channel_points_custom_reward_redemption.add', {
        user_login: 'rita',
        user_name: 'Rita',
      }),
      event('channel.channel_points_custom_reward_redemption.add', {
        user_login: 'rita',
        user_name: 'Rita',
      }),
    ]);
    expect(names(state, 'followers')).toEqual(['Ann', 'Bob']);
    expect(state.sections.cheerers).toEqual([{ name: 'Cat', login: 'cat', amount: 125 }]);
    expect(state.sections.subscribers).toEqual([
      { name: 'Neo', login: 'neo', amount: 1 },
      { name: 'Old', login: 'old', amount: 7 },
    ]);
    expect(state.sections.gifters).toEqual([
      { name: 'Santa', login: 'santa', amount: 5 },
      { name: null, login: null, amount: 2 },
    ]);
    expect(state.sections.raiders).toEqual([{ name: 'Ray', login: 'ray', amount: 30 }]);
    expect(state.sections.redeemers).toEqual([{ name: 'Rita', login: 'rita', amount: 2 }]);
  });

  it('changes nothing for a viewer already named, a test alert, a replay, or an event after the stream ended', () => {
    const live = creditsFrom(
      answer(true, { followers: [{ name: 'Ann', login: 'ann', amount: 1 }] }),
    );
    for (const message of [
      follow('ANN', 'Ann'),
      event('channel.follow', { user_login: 'tess' }, { test: true }),
      event('channel.follow', { user_login: 'rep' }, { replayOf: 3 }),
      event('channel.hype_train.begin', { level: 1 }),
      { type: 'stats', data: { live: true, viewers: 1, followers: 2, subs: 3 } } as StreamMessage,
    ]) {
      expect(reduceCredits(live, message, 50, { autoStart: false })).toBe(live);
    }
    const ended = creditsFrom(
      answer(false, { followers: [{ name: 'Ann', login: 'ann', amount: 1 }] }),
    );
    expect(reduceCredits(ended, follow('late'), 50, { autoStart: false })).toBe(ended);
  });

  it('starts over with no names when a new stream begins, and keeps the names when it ends', () => {
    const ended = creditsFrom(
      answer(false, { followers: [{ name: 'Ann', login: 'ann', amount: 1 }] }),
    );
    const next = fold(ended, [
      event('stream.online'),
      follow('zed', 'Zed'),
      event('stream.offline'),
    ]);
    expect(next.live).toBe(false);
    expect(names(next, 'followers')).toEqual(['Zed']);
    expect(next.cue).toBeNull();
  });

  it('rolls on stream.offline only when asked to, and not for an offline gap recovery found late', () => {
    const live = creditsFrom(answer(true));
    expect(fold(live, [event('stream.offline')], true).cue).toEqual({ action: 'roll', id: 41 });
    expect(fold(live, [event('stream.offline')], false).cue).toBeNull();
    expect(fold(live, [event('stream.offline', {}, { recovered: true })], true).cue).toBeNull();
  });

  it('takes the dashboard’s roll and stop as cues, each press a new one', () => {
    let state = creditsFrom(answer(false));
    state = reduceCredits(state, { type: 'credits', data: { action: 'roll' } }, 70, {
      autoStart: false,
    });
    expect(state.cue).toEqual({ action: 'roll', id: 70 });
    state = reduceCredits(state, { type: 'credits', data: { action: 'roll' } }, 71, {
      autoStart: false,
    });
    expect(state.cue).toEqual({ action: 'roll', id: 71 });
    state = reduceCredits(state, { type: 'credits', data: { action: 'stop' } }, 72, {
      autoStart: false,
    });
    expect(state.cue).toEqual({ action: 'stop', id: 72 });
  });

  it('counts cheerers from the Bits type the server names, so a cheer sent as both counts once', () => {
    const opened = { ...creditsFrom(answer(true)), bitsFrom: 'channel.bits.use' as const };
    const state = fold(opened, [
      event('channel.cheer', { user_login: 'cat', bits: 100 }),
      event('channel.bits.use', { user_login: 'cat', bits: 100, type: 'cheer' }),
      event('channel.bits.use', { user_login: 'pow', bits: 50, type: 'power_up' }),
    ]);
    expect(state.sections.cheerers).toEqual([
      { name: 'cat', login: 'cat', amount: 100 },
      { name: 'pow', login: 'pow', amount: 50 },
    ]);
  });

  it('without the server’s answer, has no names until a stream begins', () => {
    const state = creditsFrom(null);
    expect(state.live).toBe(false);
    expect(reduceCredits(state, follow('early'), 1, { autoStart: false })).toBe(state);
    expect(names(fold(state, [event('stream.online'), follow('fan')]), 'followers')).toEqual([
      'fan',
    ]);
  });

  it('knows the sections the server answers, in the same order', () => {
    expect(CREDITS_SECTIONS).toEqual(SERVER_SECTIONS);
  });

  it('rolls the sections asked for, in that order, leaving out the empty ones', () => {
    const state = creditsFrom(
      answer(false, {
        followers: [{ name: 'Ann', login: 'ann', amount: 1 }],
        raiders: [{ name: 'Ray', login: 'ray', amount: 9 }],
      }),
    );
    expect(rolledSections(state, ['raiders', 'gifters', 'followers']).map(([s]) => s)).toEqual([
      'raiders',
      'followers',
    ]);
    expect(rolledSections(state, CREDITS_SECTIONS).map(([s]) => s)).toEqual([
      'followers',
      'raiders',
    ]);
  });
});
