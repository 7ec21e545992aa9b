// @ts-check
// What the recap view says about a stream, as plain text and data: pure, so it is unit-tested
// without a browser; the view puts each string in the page with textContent.
import { GOAL_NAMES } from '../lib/event-text.js';

/** @typedef {import('../../../streams/streams-api.js').StreamRecap} StreamRecap */
/** @typedef {import('../../../streams/streams-api.js').StreamSummary} StreamSummary */

const numberFormat = new Intl.NumberFormat();
const dayFormat = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
});
const clockFormat = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** Names of the figures `incomplete` may list, as the view words them. */
const FIGURE_NAMES = /** @type {Readonly<Record<string, string>>} */ ({
  followers: 'followers',
  subs: 'subs',
  giftBombs: 'gift bombs',
  bits: 'Bits',
  raids: 'raids',
  redemptions: 'redemptions',
  hypeTrains: 'hype trains',
  goalsReached: 'goals',
});

/**
 * "1,234"; "–" for null (no figure).
 * @param {number | null | undefined} value
 */
export function count(value) {
  return value === null || value === undefined ? '–' : numberFormat.format(value);
}

/**
 * "2 h 05 min", "12 min", "40 s".
 * @param {number} seconds
 */
export function lengthText(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/**
 * When a stream ran: "Sat, 5 Dec 2026, 18:00 – 20:30", "… 18:00 – live now", or with the end's
 * day when it ended on another day.
 * @param {StreamSummary} stream
 */
export function spanText(stream) {
  const start = new Date(stream.startedAt);
  const head = `${dayFormat.format(start)}, ${clockFormat.format(start)}`;
  if (stream.endedAt === null) return `${head} – live now`;
  const end = new Date(stream.endedAt);
  const sameDay = start.toDateString() === end.toDateString();
  const tail = sameDay
    ? clockFormat.format(end)
    : `${dayFormat.format(end)}, ${clockFormat.format(end)}`;
  return `${head} – ${tail}`;
}

/**
 * A stream's row in the list: when, how long, its viewers.
 * @param {StreamSummary} stream
 * @param {number} now  milliseconds, for a live stream's length
 */
export function summaryText(stream, now = Date.now()) {
  const end = stream.endedAt === null ? now : Date.parse(stream.endedAt);
  const parts = [lengthText((end - Date.parse(stream.startedAt)) / 1000)];
  if (stream.viewers.peak !== null) parts.push(`peak ${count(stream.viewers.peak)} viewers`);
  return parts.join(' · ');
}

/**
 * How the recap knows when the stream began and ended, when not from Twitch's own events.
 * @param {StreamSummary} stream
 */
export function sourcesText(stream) {
  const notes = [];
  if (stream.startSource !== 'stream.online') {
    notes.push('its start comes from the polls (no stream.online arrived)');
  }
  if (stream.endSource === 'next-online') notes.push('it ended when the next stream began');
  if (stream.endSource === 'last-poll') notes.push('its end is the last poll that saw it live');
  return notes.length === 0 ? '' : `Note: ${notes.join('; ')}.`;
}

/**
 * The recap's headline numbers, label → value, in the order shown.
 * @param {StreamRecap} recap
 * @returns {Array<[string, string]>}
 */
export function recapNumbers(recap) {
  const { subs, bits, viewers } = recap;
  const bitsParts = [`${count(bits.cheers)} cheered`];
  if (bits.powerUps !== null) bitsParts.push(`${count(bits.powerUps)} Power-ups`);
  if (bits.combos !== null) bitsParts.push(`${count(bits.combos)} Combos`);
  const tiers = Object.entries(subs.byTier)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tier, n]) => `${tierName(tier)}: ${count(n)}`);
  return [
    ['Length', lengthText(recap.durationSeconds)],
    ['Peak viewers', count(viewers.peak)],
    ['Average viewers', count(viewers.average)],
    ['Last viewers', count(viewers.last)],
    ['New followers', count(recap.followers)],
    ['New subs', count(subs.new)],
    ['Resubs', count(subs.resub)],
    ['Gifted subs', count(subs.gifted)],
    ['Subs by tier', tiers.length === 0 ? '–' : tiers.join(', ')],
    ['Gift bombs', `${count(recap.giftBombs.count)} (${count(recap.giftBombs.subs)} subs)`],
    ['Bits', `${count(bits.total)} (${bitsParts.join(', ')})`],
    ['Raids', count(recap.raids.length)],
    ['Events', count(recap.events)],
  ];
}

/**
 * "Tier 1" for "1000".
 * @param {string} tier
 */
export function tierName(tier) {
  const level = { 1000: '1', 2000: '2', 3000: '3' }[tier];
  return level ? `Tier ${level}` : tier;
}

/**
 * "Bits goal: New mic (1,000)".
 * @param {StreamRecap['goalsReached'][number]} goal
 */
export function goalText(goal) {
  const name = GOAL_NAMES[goal.type] ?? 'Goal';
  return `${name}${goal.description ? `: ${goal.description}` : ''} (${count(goal.target)})`;
}

/**
 * What the recap cannot vouch for: figures retention made incomplete, and what gap recovery
 * could not tell. Empty when it is whole.
 * @param {StreamRecap} recap
 * @returns {string[]}
 */
export function caveats(recap) {
  const notes = [];
  if (recap.incomplete.length > 0) {
    const names = recap.incomplete.map((figure) => FIGURE_NAMES[figure] ?? figure);
    notes.push(
      `The event log no longer keeps all of this stream’s events: ${names.join(', ')} count only what it kept.`,
    );
  }
  const recovered = Object.values(recap.recovery.recovered).reduce((sum, n) => sum + n, 0);
  if (recovered > 0) {
    notes.push(
      `${count(recovered)} events were recovered through Helix after ${recap.recovery.gaps.length === 1 ? 'a gap' : `${recap.recovery.gaps.length} gaps`} in EventSub.`,
    );
  }
  if (recap.recovery.mayBeMissing.length > 0) {
    notes.push(`May be missing (Helix cannot tell): ${recap.recovery.mayBeMissing.join(', ')}.`);
  }
  return notes;
}

/**
 * A moment to mark on the viewers chart.
 * @typedef {object} ChartMarker
 * @property {'raid' | 'hype-train'} kind
 * @property {number} at  seconds since the epoch
 * @property {string} label
 */

/**
 * The raids and hype trains of a recap, as chart markers, oldest first (those whose time the log
 * does not say are left out).
 * @param {StreamRecap} recap
 * @returns {ChartMarker[]}
 */
export function chartMarkers(recap) {
  /** @type {ChartMarker[]} */
  const markers = [];
  for (const raid of recap.raids) {
    if (raid.at === null) continue;
    const from = raid.from || raid.login || 'someone';
    markers.push({
      kind: 'raid',
      at: Date.parse(raid.at) / 1000,
      label: `Raid from ${from} (${count(raid.viewers)})`,
    });
  }
  for (const train of recap.hypeTrains) {
    if (train.startedAt === null) continue;
    markers.push({
      kind: 'hype-train',
      at: Date.parse(train.startedAt) / 1000,
      label: `Hype train, level ${count(train.level)}`,
    });
  }
  return markers.filter((marker) => Number.isFinite(marker.at)).sort((a, b) => a.at - b.at);
}

/**
 * The chart's data: the polls' times (seconds) and viewers, and the x range (the stream's start
 * to its end, or now while live), so one poll or none still draws on the stream's own time.
 * @param {StreamRecap} recap
 * @param {number} now  milliseconds
 * @returns {{ times: number[], viewers: number[], from: number, to: number }}
 */
export function chartSeries(recap, now = Date.now()) {
  const times = recap.viewerSeries.map((point) => Date.parse(point.at) / 1000);
  const viewers = recap.viewerSeries.map((point) => point.viewers);
  const from = Math.min(Date.parse(recap.startedAt) / 1000, ...times);
  const end = recap.endedAt === null ? now : Date.parse(recap.endedAt);
  const to = Math.max(end / 1000, ...times, from + 60);
  return { times, viewers, from, to };
}

/**
 * The path of a stream's events to download.
 * @param {number} id
 * @param {'csv' | 'json'} format
 */
export function downloadPath(id, format) {
  return `/api/streams/${encodeURIComponent(String(Math.trunc(id)))}/events.${format}`;
}
