/**
 * Parsers for configuration values. Each returns the typed value or throws a plain
 * message saying what is wrong; `loadConfig` adds the variable name and an example.
 */
export type Parser<T> = (raw: string) => T;

/**
 * A problem whose message never contains the value, so it can be shown even for a secret (whose
 * other errors are reduced to "the value is not valid").
 */
export class ProblemWithoutValue extends Error {}

/** A whole number within [min, max]. */
export function wholeNumber(min: number, max: number): Parser<number> {
  return (raw) => {
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`"${raw}" is not a whole number`);
    const value = Number(raw.trim());
    if (value < min || value > max) throw new Error(`${value} is outside ${min}..${max}`);
    return value;
  };
}

/** `auto` (null: the service works it out) or a whole number within [min, max]. */
export function autoOrWholeNumber(min: number, max: number): Parser<number | null> {
  const number = wholeNumber(min, max);
  return (raw) => {
    if (raw.trim().toLowerCase() === 'auto') return null;
    if (!/^-?\d+$/.test(raw.trim())) throw new Error(`"${raw}" is neither auto nor a whole number`);
    return number(raw);
  };
}

/** A TCP port, 0 meaning "any free port" (useful in tests). */
export const port: Parser<number> = wholeNumber(0, 65535);

/** Free text; surrounding white space is dropped. */
export const text: Parser<string> = (raw) => raw.trim();

/** Text that must not be empty once trimmed. */
export const nonEmptyText: Parser<string> = (raw) => {
  const value = raw.trim();
  if (!value) throw new Error('it is empty');
  return value;
};

/** One of a fixed set of words (case-insensitive). */
export function oneOf<T extends string>(choices: readonly T[]): Parser<T> {
  return (raw) => {
    const value = raw.trim().toLowerCase() as T;
    if (!choices.includes(value)) throw new Error(`"${raw}" is not one of ${choices.join(', ')}`);
    return value;
  };
}

/** A comma-separated list whose items must each be one of `choices`; an empty list is refused. */
export function listOf<T extends string>(choices: readonly T[]): Parser<T[]> {
  return (raw) => {
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean);
    if (items.length === 0) throw new Error('the list is empty');
    const unknown = items.filter((item) => !choices.includes(item as T));
    if (unknown.length > 0) {
      throw new Error(`${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not known`);
    }
    return [...new Set(items)] as T[];
  };
}

/** true/false, yes/no, on/off, 1/0. */
export const flag: Parser<boolean> = (raw) => {
  const value = raw.trim().toLowerCase();
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw new Error(`"${raw}" is not true or false`);
};

/**
 * A secret that is either unset (empty) or at least `min` characters long: a short one is quickly
 * guessed by anyone who can reach the service. The error never shows the value.
 */
export function secretOfAtLeast(min: number): Parser<string> {
  return (raw) => {
    const value = raw.trim();
    if (value !== '' && value.length < min) {
      throw new ProblemWithoutValue(
        `it is shorter than ${min} characters, too easy to guess; make a long random one with \`openssl rand -hex 24\``,
      );
    }
    return value;
  };
}

/**
 * A Redis URL (`redis://` or `rediss://` for TLS), or empty for none. It may carry a password, so
 * the error never shows the value.
 */
export const redisUrl: Parser<string> = (raw) => {
  const value = raw.trim();
  if (value === '') return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProblemWithoutValue('it is not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') {
    throw new ProblemWithoutValue(`it must start with redis:// or rediss:// (TLS)`);
  }
  if (!url.hostname) throw new ProblemWithoutValue('it names no host');
  return value;
};

/**
 * An http(s) base URL that paths are appended to (an image CDN): no query or fragment, trailing
 * slashes dropped. Browsers load from it, so anything else (javascript:, a typo) is refused here.
 */
export const httpBaseUrl: Parser<string> = (raw) => {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`"${raw}" is not a URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`it must start with https:// or http://`);
  }
  if (url.search || url.hash || value.includes('?') || value.includes('#')) {
    throw new Error('it must not have a query (?…) or fragment (#…): paths are appended to it');
  }
  if (url.username || url.password) throw new Error('it must not carry a user name or password');
  return value.replace(/\/+$/, '');
};
