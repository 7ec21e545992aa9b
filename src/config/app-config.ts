import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { TWITCH_EVENT_TYPES, type TwitchEventType } from '../contract/twitch-events.js';
import { bitsInOnePlace } from '../event-types/bits-use.js';
import { ConfigError } from './config-error.js';
import { ProblemWithoutValue } from './config-parsers.js';
import { CONFIG_SCHEMA, type ConfigValues, type ConfigVariable } from './config.schema.js';

/** Each third-party emote service's public API and image CDN (what the chat box is told). */
export type EmoteServices = Readonly<
  Record<'7tv' | 'bttv' | 'ffz', { readonly api: string; readonly cdn: string }>
>;

/** The demo's poll interval (its simulator has no rate limit worth sparing). */
const DEMO_POLL_SECONDS = 15;

/** Environment variables as Node gives them. */
export type Environment = Record<string, string | undefined>;

/**
 * The service's configuration, read and validated once at start-up and injected wherever it is
 * needed (the class is its own injection token). Nothing else reads `process.env`.
 */
export class AppConfig {
  constructor(
    readonly values: ConfigValues,
    /** The variables given explicitly (environment or `.env`), as opposed to defaulted. */
    private readonly given: ReadonlySet<string> = new Set(),
  ) {}

  /** Whether the service runs against the built-in Twitch simulator instead of Twitch. */
  get demo(): boolean {
    const { demoMode, twitchClientId } = this.values;
    return demoMode === 'on' || (demoMode === 'auto' && twitchClientId === '');
  }

  /**
   * Seconds between Helix polls: `STATS_POLL_INTERVAL`, except that the demo polls its simulator
   * every 15 s unless told otherwise, so a newcomer sees the viewer count move.
   */
  get statsPollSeconds(): number {
    const demoDefault = this.demo && !this.given.has('STATS_POLL_INTERVAL');
    return demoDefault ? DEMO_POLL_SECONDS : this.values.statsPollInterval;
  }

  /**
   * Where the widgets load emote images: `EMOTE_CDN_URL`, except that the demo takes its
   * simulator's (`simulatorBaseUrl`), which serves the simulated emotes in the CDN's layout, unless
   * told otherwise; so the demo's emotes show, and tests stay offline.
   */
  emoteBaseUrl(simulatorBaseUrl: string | null): string {
    const demoDefault = simulatorBaseUrl !== null && !this.given.has('EMOTE_CDN_URL');
    return demoDefault ? `${simulatorBaseUrl}/emoticons/v2` : this.values.emoteCdnUrl;
  }

  /** Where the chat box asks for third-party emotes, and loads their images. */
  get emoteServices(): EmoteServices {
    const v = this.values;
    return {
      '7tv': { api: v.sevenTvApiUrl, cdn: v.sevenTvCdnUrl },
      bttv: { api: v.bttvApiUrl, cdn: v.bttvCdnUrl },
      ffz: { api: v.ffzApiUrl, cdn: v.ffzCdnUrl },
    };
  }

  /**
   * How much chat the event log keeps, apart from the other events: EVENT_LOG_CHAT_MAX_MESSAGES
   * events, none older than EVENT_LOG_CHAT_MAX_AGE_HOURS.
   */
  get chatRetention(): { readonly maxMessages: number; readonly maxAgeMs: number } {
    const { eventLogChatMaxMessages, eventLogChatMaxAgeHours } = this.values;
    return { maxMessages: eventLogChatMaxMessages, maxAgeMs: eventLogChatMaxAgeHours * 3_600_000 };
  }

  /**
   * The EventSub types to subscribe to: `EVENTSUB_EVENTS`, except that the demo takes every type
   * unless told otherwise (its simulator asks for no scopes), so a newcomer sees them all; and
   * with `channel.bits.use` chosen, not `channel.cheer`, which would show each cheer twice.
   */
  get eventSubEvents(): readonly TwitchEventType[] {
    const demoDefault = this.demo && !this.given.has('EVENTSUB_EVENTS');
    return bitsInOnePlace(demoDefault ? TWITCH_EVENT_TYPES : this.values.eventSubEvents);
  }
}

/**
 * Reads `.env` (if present) under the environment, validates every variable and returns the typed
 * configuration. The first bad value throws a `ConfigError` whose message is one line naming the
 * variable, what is wrong and a good example.
 */
export function loadConfig(env: Environment, envFile: string | null = '.env'): AppConfig {
  const merged: Environment = { ...readEnvFile(envFile), ...env };
  const values: Record<string, unknown> = {};
  const given = new Set<string>();
  for (const [key, spec] of Object.entries(CONFIG_SCHEMA) as [string, ConfigVariable<unknown>][]) {
    const raw = merged[spec.name];
    if (raw !== undefined && raw.trim() !== '') given.add(spec.name);
    values[key] = parseVariable(spec, raw);
  }
  const config = new AppConfig(values as ConfigValues, given);
  checkCombinations(config);
  return config;
}

function readEnvFile(path: string | null): Environment {
  if (!path || !existsSync(path)) return {};
  try {
    return parseEnv(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError('.env', `Cannot read ${path}: ${(error as Error).message}`);
  }
}

function parseVariable<T>(spec: ConfigVariable<T>, raw: string | undefined): T {
  const value = raw === undefined || raw.trim() === '' ? spec.default : raw;
  try {
    return spec.parse(value);
  } catch (error) {
    // A secret's value is never echoed back, not even a wrong one.
    const problem =
      spec.secret && !(error instanceof ProblemWithoutValue)
        ? 'the value is not valid'
        : (error as Error).message;
    throw new ConfigError(
      spec.name,
      `${spec.name} is not valid: ${problem}. Example of a good value: ${spec.name}=${spec.example}`,
    );
  }
}

/** Checks that need more than one variable. */
function checkCombinations(config: AppConfig): void {
  const { demoMode, twitchClientId } = config.values;
  if (demoMode === 'off' && twitchClientId === '') {
    throw new ConfigError(
      'TWITCH_CLIENT_ID',
      'TWITCH_CLIENT_ID is not set and DEMO_MODE=off: set TWITCH_CLIENT_ID=<your app client id> (dev.twitch.tv/console), or use DEMO_MODE=auto to run the built-in simulator',
    );
  }
  const { redisUrl, workers } = config.values;
  if (workers > 1 && redisUrl === '') {
    throw new ConfigError(
      'WORKERS',
      `WORKERS=${workers} needs REDIS_URL: the instances share one Twitch connection and one event log through Redis. Set REDIS_URL=redis://127.0.0.1:6379 (install Redis with \`sudo apt install redis-server\`), or WORKERS=1.`,
    );
  }
  if (redisUrl !== '' && config.demo) {
    // The demo's simulator lives inside one process: other instances could not reach its fake Twitch.
    throw new ConfigError(
      'REDIS_URL',
      'REDIS_URL is set but no Twitch application is (demo mode): several instances need a real Twitch connection to share. Set TWITCH_CLIENT_ID (see the README), or unset REDIS_URL to run the demo.',
    );
  }
}
