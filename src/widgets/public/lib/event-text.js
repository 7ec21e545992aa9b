// @ts-check
// What an event says in words, in one import for the widgets and the dashboard: the names the
// query options use for each event type, the default templates, the values a template can use,
// and which events the alert box plays. Each part lives in its own module.

export { EVENT_LABELS, GOAL_NAMES } from './contract.js';
export { ALERTS, ALERT_EVENT_TYPES, DEFAULT_ALERT_EVENT_TYPES } from './alert-events.js';
export { VARIANT_AMOUNTS } from './alert-variants.js';
export { EVENT_KEYS } from './event-keys.js';
export { DEFAULT_TEMPLATES, LIST_TEMPLATES, PLACEHOLDERS } from './event-templates.js';
export { describeEvent, fillTemplate } from './fill-template.js';
export { templateValues } from './template-values.js';
