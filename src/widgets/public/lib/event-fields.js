// @ts-check
// Reading an event object's fields: Twitch's events reach the browser as loosely typed JSON, and
// a field that is missing or of another type must read as nothing, never as "undefined".

const numberFormat = new Intl.NumberFormat();

/** @param {unknown} value */
export function text(value) {
  return typeof value === 'string' ? value : '';
}

/** @param {unknown} value */
export function finite(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** @param {unknown} value */
export function number(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * An object's fields, or none for anything else (null, a string…).
 * @param {unknown} value
 * @returns {Record<string, unknown>}
 */
export function record(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? /** @type {Record<string, unknown>} */ (value)
    : {};
}

/**
 * The objects of a list (anything else in it reads as an object without fields).
 * @param {unknown} value
 */
export function list(value) {
  return Array.isArray(value) ? value.map(record) : [];
}

/**
 * A number as the viewer reads it ("1,500"); "" when there is none.
 * @param {unknown} value
 */
export function amount(value) {
  return typeof value === 'number' && Number.isFinite(value) ? numberFormat.format(value) : '';
}

/**
 * "1 vote", "5 votes".
 * @param {string} count  already formatted
 * @param {string} noun
 */
export function plural(count, noun) {
  return `${count} ${count === '1' ? noun : `${noun}s`}`;
}
