import type { SubTier } from './sub-tier.js';
import { SimulatorInputError } from './user-directory.js';

/** Twitch's tier string for 1/2/3 or 1000/2000/3000. */
export function subTier(raw: string | number | undefined): SubTier {
  if (raw === undefined) return '1000';
  const value = String(raw).trim();
  if (value === '1' || value === '1000') return '1000';
  if (value === '2' || value === '2000') return '2000';
  if (value === '3' || value === '3000') return '3000';
  throw new SimulatorInputError(`tier "${value}" is not 1, 2 or 3 (or 1000, 2000, 3000)`);
}

/** A whole number in [min, max]; `fallback` when undefined. */
export function wholeNumber(
  name: string,
  raw: number | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SimulatorInputError(
      `${name} must be a whole number from ${min} to ${max}, not ${String(raw)}`,
    );
  }
  return value;
}

/** One of `choices` (trimmed); undefined when `raw` is absent or blank. */
export function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  choices: readonly T[],
): T | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = raw.trim();
  if (!(choices as readonly string[]).includes(value)) {
    throw new SimulatorInputError(`${name} must be one of ${choices.join(', ')}, not "${value}"`);
  }
  return value as T;
}
