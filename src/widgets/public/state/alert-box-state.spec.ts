import type {
  EventMessage,
  StreamMessage,
  TwitchEventType,
} from '../../../contract/sse-contract.js';
import {
  keptAlertBox,
  reduceAlertBox,
  requestedEvents,
  restoreAlertBox,
  type AlertBoxState,
  type AlertFilter,
} from './alert-box-state.js';

const NOW = Date.parse('2026-01-01T00:10:00.000Z');
const filter: AlertFilter = {
  events: new Set([
    'channel.follow',
    'channel.subscribe',
    'channel.cheer',
    'stream.online',
    'channel.hype_train.progress',
  ]),
  minBits: 100,
  maxAgeMs: 120_000,
  giftedSubs: 'hide',
  recovered: 'summary',
};
const event = (
  name: TwitchEventType,
  data: Record<string, unknown> = {},
  extra: Partial<EventMessage> = {},
): EventMessage => ({ type: 'event', event: name, data, ...extra });
const fresh = restoreAlertBox(null);
const step = (message: StreamMessage, state: AlertBoxState = fresh, settings = filter) =>
  reduceAlertBox(state, message, 7, settings, NOW).step;

describe('the alert box', () => {
  it('plays a chosen event, and says why it skips one', () => {
    expect(step(event('channel.follow'))).toEqual({
      kind: 'play',
      id: 7,
      message: event('channel.follow'),
    });
    expect(step(event('channel.raid'))).toMatchObject({ kind: 'skip', reason: 'event not chosen' });
    expect(step(event('channel.cheer', { bits: 99 }))).toMatchObject({ reason: 'below minBits' });
    expect(step(event('channel.cheer', { bits: 100 }))).toMatchObject({ kind: 'play' });
  });

  it('leaves a gifted sub to its gift alert, unless it was recovered (gift bombs are not)', () => {
    const gifted = (extra: Partial<EventMessage> = {}) =>
      event('channel.subscribe', { is_gift: true }, extra);
    expect(step(gifted())).toMatchObject({
      kind: 'skip',
      reason: 'gifted sub (the gift alert covers it)',
    });
    expect(step(gifted(), fresh, { ...filter, giftedSubs: 'show' })).toMatchObject({
      kind: 'play',
    });
    expect(
      step(gifted({ recovered: true }), fresh, { ...filter, recovered: 'play' }),
    ).toMatchObject({ kind: 'play' });
  });

  it('sums up recovered events, plays or skips them as told, and never sums up online/offline', () => {
    const recovered = event('channel.follow', {}, { recovered: true });
    expect(step(recovered)).toMatchObject({ kind: 'summarize', id: 7 });
    expect(step(recovered, fresh, { ...filter, recovered: 'play' })).toMatchObject({
      kind: 'play',
    });
    expect(step(recovered, fresh, { ...filter, recovered: 'skip' })).toMatchObject({
      reason: 'recovered (recovered=skip)',
    });
    expect(step(event('stream.online', {}, { recovered: true }))).toMatchObject({
      kind: 'skip',
      reason: 'recovered online/offline (the summary counts viewers’ events only)',
    });
  });

  it('skips what is older than maxAge; a recovered event counts from when it was recovered', () => {
    const old = '2026-01-01T00:07:00.000Z';
    expect(step(event('channel.follow', { followed_at: old }))).toMatchObject({
      reason: 'older than maxAge',
    });
    expect(step(event('channel.follow', {}, { sentAt: old }))).toMatchObject({
      reason: 'older than maxAge',
    });
    expect(
      step(event('channel.follow', { followed_at: old }, { recovered: true }), fresh, {
        ...filter,
        recovered: 'play',
      }),
    ).toMatchObject({ kind: 'play' });
    expect(
      step(event('channel.follow', { followed_at: old }), fresh, { ...filter, maxAgeMs: 0 }),
    ).toMatchObject({ kind: 'play' });
  });

  it('plays a hype train progress only when a train it knows climbs a level', () => {
    const train = (name: TwitchEventType, level: number, id = 'train-1') =>
      event(name, { id, level });
    let state = reduceAlertBox(fresh, train('channel.hype_train.begin', 1), 1, filter, NOW);
    expect(state.step).toMatchObject({ kind: 'skip', reason: 'event not chosen' });
    expect(state.trains).toEqual([['train-1', 1]]);
    state = reduceAlertBox(state, train('channel.hype_train.progress', 1), 2, filter, NOW);
    expect(state.step).toMatchObject({ reason: 'hype train progress, no new level' });
    state = reduceAlertBox(state, train('channel.hype_train.progress', 2), 3, filter, NOW);
    expect(state.step).toMatchObject({ kind: 'play', id: 3 });
    expect(step(train('channel.hype_train.progress', 5, 'unknown-train'))).toMatchObject({
      reason: 'hype train progress, no new level',
    });
    state = reduceAlertBox(state, train('channel.hype_train.end', 2), 4, filter, NOW);
    expect(state.trains).toEqual([]);
  });

  it('remembers the five latest trains, the oldest leaving first', () => {
    let state = fresh;
    for (let n = 1; n <= 6; n++) {
      state = reduceAlertBox(
        state,
        event('channel.hype_train.begin', { id: `t${n}`, level: n }),
        n,
        filter,
        NOW,
      );
    }
    state = reduceAlertBox(
      state,
      event('channel.hype_train.progress', { id: 't2', level: 9 }),
      7,
      filter,
      NOW,
    );
    expect(state.trains.map(([id, level]) => `${id}:${level}`)).toEqual([
      't2:9',
      't3:3',
      't4:4',
      't5:5',
      't6:6',
    ]);
  });

  it('pauses, resumes, ends the alert on screen, and resumes after an incomplete replay', () => {
    const control = (action: 'pause' | 'resume' | 'skip'): StreamMessage => ({
      type: 'control',
      data: { action },
    });
    const paused = reduceAlertBox(fresh, control('pause'), 1, filter, NOW);
    expect(paused).toMatchObject({ paused: true, step: null });
    expect(reduceAlertBox(paused, control('resume'), 2, filter, NOW).paused).toBe(false);
    expect(step(control('skip'), paused)).toEqual({ kind: 'end-current' });
    const replay: StreamMessage = {
      type: 'status',
      data: { replay: 'incomplete', requestedId: 1, oldestBufferedId: 5, latestId: 9 },
    };
    expect(reduceAlertBox(paused, replay, 3, filter, NOW).paused).toBe(false);
  });

  it('closes the summary of a gap once its recovery is over, and ignores other statuses', () => {
    const gap = { start: '2026-01-01T00:00:00.000Z', end: '2026-01-01T00:05:00.000Z' };
    const recovery = (state: 'recovering' | 'done'): StreamMessage => ({
      type: 'status',
      data: { recovery: { ...gap, state, recovered: {}, missing: [] } },
    });
    expect(step(recovery('done'))).toEqual({
      kind: 'gap-recovered',
      gap: expect.objectContaining(gap),
    });
    expect(reduceAlertBox(fresh, recovery('recovering'), 1, filter, NOW)).toBe(fresh);
    const stats: StreamMessage = {
      type: 'stats',
      data: { live: true, viewers: 1, followers: 1, subs: 0 },
    };
    expect(reduceAlertBox(fresh, stats, 1, filter, NOW)).toBe(fresh);
  });

  it('keeps its pause and trains across a reload, and asks for a train’s begin with its level-ups', () => {
    const state: AlertBoxState = {
      paused: true,
      trains: [['t1', 3]],
      notices: false,
      step: null,
    };
    const kept = JSON.parse(JSON.stringify(keptAlertBox(state)));
    expect(kept).toEqual({ paused: true, trains: { t1: 3 } });
    expect(restoreAlertBox(kept)).toEqual(state);
    expect(restoreAlertBox({ paused: false, trains: { t1: 'x' as unknown as number } })).toEqual(
      fresh,
    );
    expect(requestedEvents(new Set(['channel.hype_train.progress']))).toEqual([
      'channel.hype_train.progress',
      'channel.hype_train.begin',
    ]);
    expect(requestedEvents(new Set(['channel.follow']))).toEqual(['channel.follow']);
  });

  describe('chat notices', () => {
    const withNotices: AlertFilter = {
      ...filter,
      events: new Set([...filter.events, 'channel.chat.notification']),
    };
    const notice = (noticeType: string, extra: Record<string, unknown> = {}) =>
      event('channel.chat.notification', {
        broadcaster_user_id: '1000',
        chatter_user_id: '7',
        notice_type: noticeType,
        source_broadcaster_user_id: null,
        ...extra,
      });

    it('plays announcements and watch streaks, when chosen (opt-in)', () => {
      for (const kind of ['announcement', 'watch_streak']) {
        expect(step(notice(kind), fresh, withNotices)).toMatchObject({ kind: 'play' });
        expect(step(notice(kind))).toMatchObject({ kind: 'skip', reason: 'event not chosen' });
      }
    });

    it('never plays the notice of a sub, resub, gift or raid: the event of its own type plays it, once', () => {
      for (const kind of ['sub', 'resub', 'sub_gift', 'community_sub_gift', 'raid']) {
        expect(step(notice(kind), fresh, withNotices)).toEqual({
          kind: 'skip',
          id: 7,
          message: notice(kind),
          reason: 'the chat’s notice of a sub, gift or raid (the event’s own alert plays it)',
        });
      }
      expect(step(notice('pay_it_forward'), fresh, withNotices)).toMatchObject({
        reason: 'a chat notice the alert box does not play',
      });
    });

    it('never plays another channel’s notice under shared chat', () => {
      const elsewhere = 'another channel’s chat notice (shared chat)';
      expect(step(notice('shared_chat_sub'), fresh, withNotices)).toMatchObject({
        reason: elsewhere,
      });
      expect(step(notice('shared_chat_announcement'), fresh, withNotices)).toMatchObject({
        reason: elsewhere,
      });
      const fromThere = notice('announcement', { source_broadcaster_user_id: '2000' });
      expect(step(fromThere, fresh, withNotices)).toMatchObject({ reason: elsewhere });
      const fromHere = notice('announcement', { source_broadcaster_user_id: '1000' });
      expect(step(fromHere, fresh, withNotices)).toMatchObject({ kind: 'play' });
    });

    it('asks for the notices with subs or resubs, and learns from EventSub’s status whether they come', () => {
      expect(requestedEvents(new Set(['channel.subscribe']))).toEqual([
        'channel.subscribe',
        'channel.chat.notification',
      ]);
      expect(requestedEvents(new Set(['channel.subscription.message']))).toContain(
        'channel.chat.notification',
      );
      const eventsub = (status: string): StreamMessage => ({
        type: 'status',
        data: {
          eventsub: {
            state: 'connected',
            subscriptions: [
              { type: 'channel.subscribe', status: 'enabled' },
              { type: 'channel.chat.notification', status },
            ],
          },
        },
      });
      const receiving = reduceAlertBox(fresh, eventsub('enabled'), 1, filter, NOW);
      expect(receiving.notices).toBe(true);
      expect(reduceAlertBox(receiving, eventsub('enabled'), 2, filter, NOW)).toBe(receiving);
      expect(reduceAlertBox(receiving, eventsub('authorization_revoked'), 3, filter, NOW)).toEqual({
        ...receiving,
        notices: false,
        step: null,
      });
    });
  });
});
