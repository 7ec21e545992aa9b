// @ts-check
// The credits roll (`/widgets/credits`): this stream's followers, subscribers, gifters, cheerers,
// raiders and redeemers, a heading each, rolling up the screen when the dashboard's Roll credits
// is pressed (or, with `start=offline`, when the stream goes offline). It opens on the names the
// service read from its event log (`GET /api/credits`: the live stream's, else the last one's), so
// it also works when opened after the stream ended, then adds the live stream's new names from the
// stream, resuming right after what it read. See CREDITS_WIDGET for its URL options. Names are
// typed by viewers: they only ever become text nodes.
import { amount, plural } from './lib/event-fields.js';
import { CREDITS_SECTIONS } from './lib/credits-options.js';
import { mountWidget } from './lib/mount-widget.js';
import { CREDITS_WIDGET } from './lib/widget-options.js';
import { creditsFrom, reduceCredits, rolledSections } from './state/credits-state.js';

/** @typedef {import('../../credits/credits-api.js').StreamCredits} StreamCredits */
/** @typedef {import('../../credits/credits-api.js').CreditsSection} CreditsSection */
/** @typedef {import('../../credits/credits-api.js').CreditsName} CreditsName */
/** @typedef {import('./state/credits-state.js').CreditsState} CreditsState */

/**
 * @typedef {object} CreditsSettings
 * @property {CreditsSection[]} sections  the sections rolled, in this order
 * @property {number} pixelsPerSecond  at the page's scale
 * @property {boolean} loop
 * @property {boolean} autoStart  roll on stream.offline
 * @property {string} title
 * @property {boolean} amounts
 * @property {Record<CreditsSection, string>} headings
 */

/** The event types that move the credits: what names viewers, and the stream's start and end. */
const CREDITS_EVENTS = [
  'channel.follow',
  'channel.subscribe',
  'channel.subscription.message',
  'channel.subscription.gift',
  'channel.cheer',
  'channel.bits.use',
  'channel.raid',
  'channel.channel_points_custom_reward_redemption.add',
  'stream.online',
  'stream.offline',
];

const answer = await loadCredits();

mountWidget({
  spec: CREDITS_WIDGET,
  settings: (query) => ({
    sections: /** @type {CreditsSection[]} */ (query.multi('sections')),
    pixelsPerSecond: query.number('speed') * query.number('scale'),
    loop: query.choice('end') === 'loop',
    autoStart: query.choice('start') === 'offline',
    title: query.text('title'),
    amounts: query.choice('amounts') === 'show',
    headings: /** @type {Record<CreditsSection, string>} */ (
      Object.fromEntries(
        CREDITS_SECTIONS.map((section) => [section, query.text(`heading.${section}`)]),
      )
    ),
  }),
  query: () => ({ types: 'event,credits', events: CREDITS_EVENTS.join(',') }),
  initial: () => creditsFrom(answer),
  reduce: reduceCredits,
  view: creditsView,
  // The names were read up to the answer's lastId: the stream goes on right after it (or, without
  // an answer, from now).
  catchUp: async () => answer?.lastId ?? 0,
});

/**
 * The names of the live or last stream, or null when the service could not say (the roll then
 * names who the stream brings from its next start).
 * @returns {Promise<StreamCredits | null>}
 */
async function loadCredits() {
  try {
    const response = await fetch('/api/credits', { cache: 'no-store' });
    if (!response.ok) throw new Error(`/api/credits answered ${response.status}`);
    return /** @type {StreamCredits} */ (await response.json());
  } catch (error) {
    console.warn(`The credits could not load this stream's names (${error}).`);
    return null;
  }
}

/**
 * Rolls the names: hidden until a roll is cued, then moving up at the set speed until the last
 * name has left the top (and again from the bottom, with `loop`), or until a stop.
 * @param {CreditsSettings} settings
 * @returns {(state: CreditsState) => void}
 */
function creditsView(settings) {
  const root = /** @type {HTMLElement} */ (document.getElementById('credits'));
  const roll = /** @type {HTMLElement} */ (root.querySelector('.credits__roll'));
  /** The id of the last cue acted on. */
  let cueId = /** @type {number | null} */ (null);
  /** @type {CreditsState['sections'] | null} */
  let drawn = null;
  let startedAt = 0;
  let frame = 0;
  let rolls = 0;

  /** @param {CreditsState} state */
  const fill = (state) => {
    drawn = state.sections;
    roll.replaceChildren(...rollContent(state, settings));
  };

  /** @param {number} now */
  const step = (now) => {
    const offset = Math.max(0, ((now - startedAt) / 1000) * settings.pixelsPerSecond);
    const top = root.clientHeight - offset;
    if (top + roll.offsetHeight <= 0) {
      if (!settings.loop) return end();
      startedAt = now;
      begin();
      frame = requestAnimationFrame(step);
      return;
    }
    roll.style.transform = `translateY(${top}px)`;
    frame = requestAnimationFrame(step);
  };

  /** One more time from the bottom. */
  const begin = () => {
    rolls++;
    root.dataset.rolls = String(rolls);
    roll.style.transform = `translateY(${root.clientHeight}px)`;
  };

  const end = () => {
    cancelAnimationFrame(frame);
    root.dataset.state = 'ended';
    root.hidden = true;
  };

  return (state) => {
    const { cue } = state;
    if (cue && cue.id !== cueId) {
      cueId = cue.id;
      if (cue.action === 'stop') return end();
      cancelAnimationFrame(frame);
      fill(state);
      root.hidden = false;
      root.dataset.state = 'rolling';
      startedAt = performance.now();
      begin();
      frame = requestAnimationFrame(step);
      return;
    }
    // New names while rolling join their section (the roll gets longer); otherwise they are
    // drawn at the next roll.
    if (root.dataset.state === 'rolling' && state.sections !== drawn) fill(state);
  };
}

/**
 * The roll's elements: the title, then each section asked for that has names, under its heading.
 * @param {CreditsState} state
 * @param {CreditsSettings} settings
 * @returns {HTMLElement[]}
 */
function rollContent(state, settings) {
  /** @type {HTMLElement[]} */
  const content = [];
  if (settings.title) content.push(element('h1', 'credits__title', settings.title));
  for (const [section, names] of rolledSections(state, settings.sections)) {
    const part = element('section', 'credits__section');
    part.dataset.section = section;
    const list = element('ul', 'credits__names');
    for (const name of names) {
      const row = element('li', 'credits__name');
      row.append(element('span', 'credits__who', name.name ?? 'Anonymous'));
      const detail = settings.amounts ? amountText(section, name.amount) : '';
      if (detail) row.append(element('span', 'credits__amount', detail));
      list.append(row);
    }
    part.append(element('h2', 'credits__heading', settings.headings[section]), list);
    content.push(part);
  }
  return content;
}

/**
 * What a viewer gave, as the roll says it beside their name ("" for nothing worth saying).
 * @param {CreditsSection} section
 * @param {number} count
 */
function amountText(section, count) {
  const shown = amount(count);
  switch (section) {
    case 'subscribers':
      return count > 1 ? plural(shown, 'month') : '';
    case 'gifters':
      return plural(shown, 'sub');
    case 'cheerers':
      return plural(shown, 'bit');
    case 'raiders':
      return count > 0 ? plural(shown, 'viewer') : '';
    case 'redeemers':
      return count > 1 ? `×${shown}` : '';
    default:
      return '';
  }
}

/**
 * An element with a class and, optionally, text (never markup: names are typed by viewers).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} className
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function element(tag, className, text) {
  const created = document.createElement(tag);
  created.className = className;
  if (text !== undefined) created.textContent = text;
  return created;
}
