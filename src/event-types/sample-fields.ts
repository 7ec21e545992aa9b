import type { TwitchEventData } from './event-type-descriptor.js';

/** A text field of an event object, if it is one. */
export function textField(data: TwitchEventData, name: string): string | undefined {
  const value = data[name];
  return typeof value === 'string' ? value : undefined;
}

/** A number field of an event object, if it is one. */
export function numberField(data: TwitchEventData, name: string): number | undefined {
  const value = data[name];
  return typeof value === 'number' ? value : undefined;
}

/** A login field the simulator accepts, or undefined to let it pick a new viewer. */
export function loginField(data: TwitchEventData, name = 'user_login'): string | undefined {
  const value = textField(data, name);
  return value && /^[a-z0-9_]{1,25}$/i.test(value) ? value : undefined;
}

/** The titles of a poll's choices or a prediction's outcomes. */
export function titlesOf(items: unknown): string[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const found = items
    .map((item) => (item as { title?: unknown }).title)
    .filter((title): title is string => typeof title === 'string');
  return found.length > 0 ? found : undefined;
}
