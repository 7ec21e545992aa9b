// @ts-check
import { DEFAULT_TEMPLATES } from './event-templates.js';
import { templateValues } from './template-values.js';

/** @typedef {import('../../../contract/sse-contract.js').EventMessage} EventMessage */

/**
 * A template cut into literal text and filled-in values (which the alert box highlights; `name`
 * says which placeholder a value filled, so a widget can draw `{message}` with its emotes).
 * An unknown `{placeholder}` stays as written, so a typo shows instead of vanishing.
 * @param {string} template
 * @param {Record<string, string>} values
 * @returns {Array<{ text: string; value: boolean; name?: string }>}
 */
export function fillTemplate(template, values) {
  /** @type {Array<{ text: string; value: boolean; name?: string }>} */
  const parts = [];
  let last = 0;
  for (const match of template.matchAll(/\{(\w+)\}/g)) {
    const name = match[1] ?? '';
    const value = values[name];
    if (value === undefined) continue;
    if (match.index > last) parts.push({ text: template.slice(last, match.index), value: false });
    parts.push({ text: value, value: true, name });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last), value: false });
  return parts;
}

/**
 * One line that says what happened, for the dashboard's feed ("PixelPanda cheered 100 bits!").
 * @param {EventMessage} message
 * @returns {string}
 */
export function describeEvent(message) {
  return fillTemplate(DEFAULT_TEMPLATES[message.event].text, templateValues(message))
    .map((part) => part.text)
    .join('');
}
