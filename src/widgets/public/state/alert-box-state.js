// @ts-check
// The alert box's state: whether alerts are paused, the level of each hype train it follows, and
// what it does with the latest message (play it, add it to a summary, skip it and why, end the
// alert on screen). The playing itself — one at a time, timed — is the AlertQueue's.

import { ALERT_NOTICES, NOTICES_OF_EVENTS, PRIME_NOTICES } from '../lib/alert-events.js';

/** @typedef {import('../../../contract/sse-contract.js').StreamMessage} StreamMessage */
/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */
/** @typedef {import('../../../contract/sse-contract.js').EventSubGap} EventSubGap */
/** @typedef {import('../../../contract/sse-contract.js').TwitchEventType} TwitchEventType */

/**
 * Which events the box plays, from its URL options.
 * @typedef {object} AlertFilter
 * @property {ReadonlySet<string>} events
 * @property {number} minBits
 * @property {number} maxAgeMs  0: no limit
 * @property {string} giftedSubs  `show` or `hide`
 * @property {string} recovered  `summary`, `play` or `skip`
 */

/**
 * What the box does about the latest message: a new object for each, done once.
 * @typedef {{ kind: 'play' | 'summarize'; id: number; message: EventMessage }
 *   | { kind: 'skip'; id: number; message: EventMessage; reason: string }
 *   | { kind: 'end-current' }
 *   | { kind: 'gap-recovered'; gap: EventSubGap }} AlertStep
 */

/**
 * @typedef {object} AlertBoxState
 * @property {boolean} paused  alerts that have not started wait
 * @property {ReadonlyArray<readonly [string, number]>} trains  the level each hype train has
 *   reached as far as the box knows, by train id, oldest train first: a progress event is an
 *   alert only when it climbs a level
 * @property {boolean} notices  the service receives the chat's notices (EventSub status): a sub
 *   alert may wait a moment for the notice that says whether it was with Prime
 * @property {AlertStep | null} step
 */

/**
 * What the box keeps across reloads.
 * @typedef {object} KeptAlertBox
 * @property {boolean} paused
 * @property {Record<string, number>} [trains]
 */

/** A few trains are plenty to remember; the oldest go first. */
const MAX_TRAINS = 5;

/**
 * The state an earlier load kept, or a fresh one.
 * @param {Partial<KeptAlertBox> | null} kept
 * @returns {AlertBoxState}
 */
export function restoreAlertBox(kept) {
  const trains = Object.entries(kept?.trains ?? {}).filter(
    /** @returns {entry is [string, number]} */ (entry) => typeof entry[1] === 'number',
  );
  return { paused: Boolean(kept?.paused), trains, notices: false, step: null };
}

/**
 * What to keep of the state across reloads.
 * @param {AlertBoxState} state
 * @returns {KeptAlertBox}
 */
export function keptAlertBox(state) {
  return { paused: state.paused, trains: Object.fromEntries(state.trains) };
}

/**
 * The events the box asks the server for: the ones it shows, a hype train's begin when its
 * level-ups are shown (the begin tells the level a train starts from), and the chat's notices
 * when subs or resubs are shown (a notice tells whether the sub was with Prime).
 * @param {ReadonlySet<string>} events
 */
export function requestedEvents(events) {
  const wanted = new Set(events);
  if (wanted.has('channel.hype_train.progress')) wanted.add('channel.hype_train.begin');
  if (Object.values(PRIME_NOTICES).some((event) => wanted.has(event))) {
    wanted.add('channel.chat.notification');
  }
  return [...wanted];
}

/**
 * The state after a message at `now`; the same object for a message that asks nothing of the box.
 * @param {AlertBoxState} state
 * @param {StreamMessage} message
 * @param {number} id
 * @param {AlertFilter} filter
 * @param {number} now  ms since the epoch
 * @returns {AlertBoxState}
 */
export function reduceAlertBox(state, message, id, filter, now) {
  switch (message.type) {
    case 'event': {
      const { trains, levelUp } = followHypeTrain(state.trains, message);
      const reason = whyNotShown(message, levelUp, filter, now);
      /** @type {AlertStep} */
      const step = reason
        ? { kind: 'skip', id, message, reason }
        : message.recovered && filter.recovered === 'summary'
          ? { kind: 'summarize', id, message }
          : { kind: 'play', id, message };
      return { ...state, trains, step };
    }
    case 'control':
      if (message.data.action === 'pause') return { ...state, paused: true, step: null };
      if (message.data.action === 'resume') return { ...state, paused: false, step: null };
      return { ...state, step: { kind: 'end-current' } };
    case 'status':
      // What we missed is gone (old id, or the service restarted and forgot its pause state);
      // start over from the server's state, which follows this message.
      if ('replay' in message.data) return { ...state, paused: false, step: null };
      if ('recovery' in message.data && message.data.recovery.state !== 'recovering') {
        return { ...state, step: { kind: 'gap-recovered', gap: message.data.recovery } };
      }
      if ('eventsub' in message.data && message.data.eventsub.subscriptions) {
        const notices = message.data.eventsub.subscriptions.some(
          ({ type, status }) => type === 'channel.chat.notification' && status === 'enabled',
        );
        return notices === state.notices ? state : { ...state, notices, step: null };
      }
      return state;
    default:
      return state;
  }
}

/**
 * Notes the level a hype train event tells; `levelUp` when it is a progress that reached a new
 * level of a train the box has seen begin (or climb) before.
 * @param {AlertBoxState['trains']} trains
 * @param {EventMessage} message
 * @returns {{ trains: AlertBoxState['trains']; levelUp: boolean }}
 */
function followHypeTrain(trains, message) {
  const { event, data } = message;
  const trainId = data.id;
  if (!event.startsWith('channel.hype_train.') || typeof trainId !== 'string') {
    return { trains, levelUp: false };
  }
  const level = typeof data.level === 'number' ? data.level : 0;
  const known = trains.find(([id]) => id === trainId)?.[1];
  if (event === 'channel.hype_train.end') {
    return { trains: trains.filter(([id]) => id !== trainId), levelUp: false };
  }
  const reached = Math.max(known ?? 0, level);
  // A train already known keeps its place in the order; a new one is the newest.
  const next =
    known === undefined
      ? [...trains, /** @type {const} */ ([trainId, reached])]
      : trains.map((entry) =>
          entry[0] === trainId ? /** @type {const} */ ([trainId, reached]) : entry,
        );
  return {
    trains: next.slice(Math.max(0, next.length - MAX_TRAINS)),
    levelUp: event === 'channel.hype_train.progress' && known !== undefined && level > known,
  };
}

/**
 * Why an event shows no alert, or "" when it does.
 * @param {EventMessage} message
 * @param {boolean} levelUp  a hype train progress that reached a new level
 * @param {AlertFilter} filter
 * @param {number} now
 */
function whyNotShown(message, levelUp, filter, now) {
  const { event, data, recovered } = message;
  if (!filter.events.has(event)) return 'event not chosen';
  if (event === 'channel.chat.notification') {
    const reason = whyNoticeNotShown(data);
    if (reason) return reason;
  }
  if (event === 'channel.hype_train.progress' && !levelUp) {
    return 'hype train progress, no new level';
  }
  if (recovered && filter.recovered === 'skip') return 'recovered (recovered=skip)';
  if (recovered && filter.recovered === 'summary' && event.startsWith('stream.')) {
    return 'recovered online/offline (the summary counts viewers’ events only)';
  }
  if (event === 'channel.cheer' && Number(data.bits) < filter.minBits) return 'below minBits';
  // Gift bombs are not recovered, so a recovered gifted sub has no gift alert to cover it.
  if (
    event === 'channel.subscribe' &&
    data.is_gift === true &&
    filter.giftedSubs === 'hide' &&
    !recovered
  ) {
    return 'gifted sub (the gift alert covers it)';
  }
  const sentAt = sentTime(message);
  if (filter.maxAgeMs > 0 && sentAt !== null && now - sentAt > filter.maxAgeMs) {
    return 'older than maxAge';
  }
  return '';
}

/**
 * Why a chat notice shows no alert, or "" when it does: only announcements and watch streaks of
 * this channel play (see `ALERT_NOTICES`).
 * @param {Record<string, unknown>} data
 */
function whyNoticeNotShown(data) {
  const notice = typeof data.notice_type === 'string' ? data.notice_type : '';
  const source = data.source_broadcaster_user_id;
  const elsewhere =
    typeof source === 'string' && source !== '' && source !== data.broadcaster_user_id;
  if (notice.startsWith('shared_chat_') || elsewhere) {
    return 'another channel’s chat notice (shared chat)';
  }
  if (NOTICES_OF_EVENTS.includes(notice)) {
    return 'the chat’s notice of a sub, gift or raid (the event’s own alert plays it)';
  }
  if (!ALERT_NOTICES.includes(notice)) return 'a chat notice the alert box does not play';
  return '';
}

/**
 * When the event was sent out, in ms: `sentAt`, else the event's own time (follows and
 * stream.online carry one); null when unknown, and then the alert plays. A recovered event counts
 * from when it was recovered (`sentAt`) only: it happened earlier by nature.
 * @param {EventMessage} message
 */
function sentTime(message) {
  const { sentAt } = message;
  const { followed_at: followedAt, started_at: startedAt } = message.data;
  for (const time of message.recovered ? [sentAt] : [sentAt, followedAt, startedAt]) {
    if (typeof time === 'string' && !Number.isNaN(Date.parse(time))) return Date.parse(time);
  }
  return null;
}
