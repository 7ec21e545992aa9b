// @ts-check
// An alert's variations by amount (`variant.cheer.1000.title=Big cheer!`): from an amount up, an
// alert says, shows or plays something else. What the amount is for each event, and how the
// variations are written in a URL.
import { finite, record } from './event-fields.js';

/**
 * The amount that picks an alert's variation, per event key: bits of a cheer, raiders, subs in a
 * gift, a reward's cost, a hype train's level.
 * @type {Readonly<Record<string, { label: string; of: (data: Record<string, unknown>) => number | null }>>}
 */
export const VARIANT_AMOUNTS = {
  cheer: { label: 'bits', of: (data) => finite(data.bits) },
  bits: { label: 'bits', of: (data) => finite(data.bits) },
  resub: { label: 'months', of: (data) => finite(data.cumulative_months) },
  donation: { label: 'amount', of: (data) => finite(record(data.amount).value) },
  raid: { label: 'viewers', of: (data) => finite(data.viewers) },
  gift: { label: 'subs gifted', of: (data) => finite(data.total) },
  redemption: { label: 'reward cost', of: (data) => finite(record(data.reward).cost) },
  hypetrain: { label: 'level', of: (data) => finite(data.level) },
  'hypetrain-level': { label: 'level', of: (data) => finite(data.level) },
};

/** The parts of an alert a variation by amount can change. */
export const VARIANT_FIELDS = /** @type {const} */ (['title', 'text', 'sound', 'image']);

/**
 * One variation of an alert for amounts from `min` up (`variant.cheer.1000.title=…`): what it
 * changes; what it leaves out comes from the event's own settings.
 * @typedef {object} AlertVariant
 * @property {string} event  the event key (`cheer`)
 * @property {number} min
 * @property {string} [title]
 * @property {string} [text]
 * @property {string} [sound]  as written: a URL or a media file name
 * @property {string} [image]
 */

const VARIANT_OPTION = /^variant\.([a-z-]+)\.(\d+)\.([a-z]+)$/;

/**
 * The name of a variation's option: `variant.<event>.<min>.<field>`.
 * @param {string} event  the event key
 * @param {number} min
 * @param {typeof VARIANT_FIELDS[number]} field
 */
export function variantOptionName(event, min, field) {
  return `variant.${event}.${min}.${field}`;
}

/**
 * What a query parameter's name says of a variation, or null when it names none: an event with
 * an amount, a whole `min`, and a field a variation can change.
 * @param {string} name
 * @returns {{ event: string; min: string; field: typeof VARIANT_FIELDS[number] } | null}
 */
export function parseVariantOption(name) {
  const match = VARIANT_OPTION.exec(name);
  if (!match) return null;
  const [, event = '', min = '', field = ''] = match;
  return event in VARIANT_AMOUNTS && isVariantField(field) ? { event, min, field } : null;
}

/**
 * The variations in a query, newest settings for each (event, min), highest `min` first.
 * Parameters that name no variation, and empty values, are left out.
 * @param {URLSearchParams} params
 * @returns {AlertVariant[]}
 */
export function readVariants(params) {
  /** @type {Map<string, AlertVariant>} */
  const found = new Map();
  for (const [name, raw] of params) {
    const option = parseVariantOption(name);
    const value = raw.trim();
    if (!option || value === '') continue;
    const id = `${option.event}.${option.min}`;
    const variant = found.get(id) ?? { event: option.event, min: Number(option.min) };
    variant[option.field] = value;
    found.set(id, variant);
  }
  return [...found.values()].sort((a, b) => b.min - a.min);
}

/**
 * @param {string} field
 * @returns {field is typeof VARIANT_FIELDS[number]}
 */
function isVariantField(field) {
  return /** @type {readonly string[]} */ (VARIANT_FIELDS).includes(field);
}
