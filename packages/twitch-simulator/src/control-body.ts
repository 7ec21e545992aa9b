import { TwitchHttpError } from './http-exchange.js';

/** A JSON request body with typed readers that answer 400 for wrong types. */
export class ControlBody {
  constructor(private readonly values: Record<string, unknown>) {}

  string(key: string): string | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    throw new TwitchHttpError(400, `"${key}" must be a string`);
  }

  number(key: string): number | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) return undefined;
    const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
    if (typeof number !== 'number' || !Number.isFinite(number))
      throw new TwitchHttpError(400, `"${key}" must be a number`);
    return number;
  }

  boolean(key: string): boolean | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new TwitchHttpError(400, `"${key}" must be true or false`);
  }

  strings(key: string): string[] | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      return value as string[];
    throw new TwitchHttpError(400, `"${key}" must be a list of strings`);
  }

  /** Titles: a comma-separated string (kept whole: titles may have spaces) or a list of strings. */
  titles(key: string): string | string[] | undefined {
    const value = this.values[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value === 'string') return value;
    if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
      return value as string[];
    throw new TwitchHttpError(
      400,
      `"${key}" must be a comma-separated string or a list of strings`,
    );
  }

  required<T>(key: string, value: T | undefined): T {
    if (value === undefined) throw new TwitchHttpError(400, `"${key}" is required`);
    return value;
  }
}
