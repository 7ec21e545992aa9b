// @ts-check
// Every widget's URL options in one import: the widgets read their settings with these, the
// dashboard's URL builder draws its form from them, and the README documents the same list.
// Each part lives in its own module.
import { ALERT_BOX_WIDGET } from './alert-box-options.js';
import { CHAT_WIDGET } from './chat-options.js';
import { EVENT_LIST_WIDGET } from './event-list-options.js';
import { LABEL_WIDGET } from './label-options.js';
import {
  AD_BREAK_WIDGET,
  GOAL_WIDGET,
  HYPE_TRAIN_WIDGET,
  POLL_WIDGET,
  STATS_WIDGET,
} from './stats-widget-options.js';
import { SUBATHON_WIDGET } from './subathon-options.js';

/** @typedef {import('./widget-spec.js').OptionSpec} OptionSpec */
/** @typedef {import('./widget-spec.js').WidgetSpec} WidgetSpec */
/** @typedef {import('./alert-variants.js').AlertVariant} AlertVariant */

export { VARIANT_FIELDS, variantOptionName } from './alert-variants.js';
export { mediaUrl } from './media-url.js';
export { WidgetQuery } from './widget-query.js';
export { widgetUrl } from './widget-url.js';
export {
  AD_BREAK_WIDGET,
  ALERT_BOX_WIDGET,
  CHAT_WIDGET,
  EVENT_LIST_WIDGET,
  GOAL_WIDGET,
  HYPE_TRAIN_WIDGET,
  LABEL_WIDGET,
  POLL_WIDGET,
  STATS_WIDGET,
  SUBATHON_WIDGET,
};

/** Every widget, in the order the dashboard lists them. */
export const WIDGETS = [
  ALERT_BOX_WIDGET,
  GOAL_WIDGET,
  STATS_WIDGET,
  LABEL_WIDGET,
  EVENT_LIST_WIDGET,
  SUBATHON_WIDGET,
  HYPE_TRAIN_WIDGET,
  POLL_WIDGET,
  AD_BREAK_WIDGET,
  CHAT_WIDGET,
];
