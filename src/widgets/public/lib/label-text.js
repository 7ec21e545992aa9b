// @ts-check
// What a label says: the kinds of label (`?show=`), their default line and placeholder, and the
// line filled in from the service's `labels` state. Shared by the label widget and the dashboard.
import { fillTemplate } from './fill-template.js';

/** @typedef {import('../../../contract/sse-contract.js').LabelsData} LabelsData */
/** @typedef {import('../../../contract/sse-contract.js').LabelViewer} LabelViewer */

/**
 * Each kind of label: its default line, and what shows while there is no one to name (counts
 * always have a number, 0 at first).
 * @type {Readonly<Record<string, { text: string; empty: string }>>}
 */
export const LABEL_TEXTS = {
  'latest-follower': { text: 'Latest follower: {name}', empty: 'Latest follower: no one yet' },
  'latest-sub': { text: 'Latest sub: {name}', empty: 'Latest sub: no one yet' },
  'latest-gift': { text: 'Latest gift: {name} ({subs})', empty: 'Latest gift: none yet' },
  'latest-cheer': { text: 'Latest cheer: {name} ({bits} bits)', empty: 'Latest cheer: none yet' },
  'latest-raid': {
    text: 'Latest raid: {name} ({viewers} viewers)',
    empty: 'Latest raid: none yet',
  },
  'top-cheerer': {
    text: 'Top cheerer: {name} ({bits} bits)',
    empty: 'Top cheerer: none yet this stream',
  },
  'top-gifter': { text: 'Top gifter: {name} ({subs})', empty: 'Top gifter: none yet this stream' },
  'session-follows': { text: 'Follows this stream: {count}', empty: '' },
  'session-subs': { text: 'Subs this stream: {count}', empty: '' },
  'session-gifted-subs': { text: 'Gifted subs this stream: {count}', empty: '' },
  'session-bits': { text: 'Bits this stream: {count}', empty: '' },
  'session-raids': { text: 'Raids this stream: {count}', empty: '' },
};

/** The kinds of label, as `?show=` names them. */
export const LABEL_KINDS = Object.freeze(Object.keys(LABEL_TEXTS));

/** The placeholders a label's text can use, for help texts. */
export const LABEL_PLACEHOLDERS = [
  '{name}',
  '{login}',
  '{bits}',
  '{subs}',
  '{tier}',
  '{viewers}',
  '{count}',
];

const numberFormat = new Intl.NumberFormat();

/**
 * The values a label's text can use, or null when there is no one to name yet: `name`, `login`,
 * `bits`, `subs` ("5 subs"), `tier` ("Tier 1"), `viewers`, and `count` (the count of a session
 * label; the bits or subs of the others).
 * @param {string} kind  one of LABEL_KINDS
 * @param {LabelsData} labels
 * @returns {Record<string, string> | null}
 */
export function labelValues(kind, labels) {
  const session = labels.session;
  /** @param {number} count */
  const counted = (count) => ({ count: numberFormat.format(count) });
  switch (kind) {
    case 'latest-follower':
      return person(labels.latestFollower);
    case 'latest-sub':
      return person(labels.latestSub);
    case 'latest-gift':
      return person(labels.latestGift);
    case 'latest-cheer':
      return person(labels.latestCheer);
    case 'latest-raid':
      return person(labels.latestRaid);
    case 'top-cheerer':
      return person(labels.topCheerer);
    case 'top-gifter':
      return person(labels.topGifter);
    case 'session-follows':
      return counted(session.follows);
    case 'session-subs':
      return counted(session.subs);
    case 'session-gifted-subs':
      return counted(session.giftedSubs);
    case 'session-bits':
      return counted(session.bits);
    case 'session-raids':
      return counted(session.raids);
    default:
      return null;
  }
}

/**
 * The label's line as parts (values highlighted), from `template` or, while there is no one to
 * name, the `empty` text.
 * @param {string} kind
 * @param {LabelsData} labels
 * @param {string} template
 * @param {string} empty
 * @returns {{ parts: Array<{ text: string; value: boolean }>; known: boolean }}
 */
export function labelLine(kind, labels, template, empty) {
  const values = labelValues(kind, labels);
  if (!values) return { parts: [{ text: empty, value: false }], known: false };
  return { parts: fillTemplate(template, values), known: true };
}

/**
 * @param {(LabelViewer & { bits?: number; subs?: number; viewers?: number; tier?: string }) | null} who
 * @returns {Record<string, string> | null}
 */
function person(who) {
  if (!who) return null;
  const amount = who.bits ?? who.subs;
  return {
    name: who.name,
    login: who.login ?? '',
    bits: who.bits === undefined ? '' : numberFormat.format(who.bits),
    subs:
      who.subs === undefined
        ? ''
        : `${numberFormat.format(who.subs)} ${who.subs === 1 ? 'sub' : 'subs'}`,
    tier: who.tier ? `Tier ${who.tier[0]}` : '',
    viewers: who.viewers === undefined ? '' : numberFormat.format(who.viewers),
    count: amount === undefined ? '' : numberFormat.format(amount),
  };
}
