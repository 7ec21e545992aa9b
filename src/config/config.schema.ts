import { TWITCH_EVENT_TYPES } from '../contract/twitch-events.js';
import { DEFAULT_EVENT_TYPES } from '../event-types/event-types.js';
import {
  autoOrWholeNumber,
  flag,
  httpBaseUrl,
  listOf,
  nonEmptyText,
  oneOf,
  port,
  redisUrl,
  secretOfAtLeast,
  text,
  wholeNumber,
  type Parser,
} from './config-parsers.js';

/** One environment variable: its default, what it is for, and how it is parsed. */
export interface ConfigVariable<T> {
  readonly name: string;
  /** The value used when the variable is unset or empty; `''` means "not set". */
  readonly default: string;
  /** A good value, shown in errors and in `.env.example`. */
  readonly example: string;
  /** A sentence for `.env.example` and the README table. */
  readonly description: string;
  /** Whether it is a secret (never logged, never echoed back in an error). */
  readonly secret?: boolean;
  readonly parse: Parser<T>;
}

function variable<T>(spec: ConfigVariable<T>): ConfigVariable<T> {
  return spec;
}

export const LOG_LEVELS = ['error', 'warn', 'log', 'debug', 'verbose'] as const;
export const DEMO_MODES = ['auto', 'on', 'off'] as const;
export const EVENT_LOG_KINDS = ['sqlite', 'memory'] as const;

/**
 * Every variable the service reads, in the order `.env.example` lists them.
 * `loadConfig` parses these and nothing else; a test keeps `.env.example` in step.
 */
export const CONFIG_SCHEMA = {
  // --- server
  port: variable({
    name: 'PORT',
    default: '3000',
    example: '3000',
    description: 'HTTP port for the dashboard, widgets, SSE stream and API.',
    parse: port,
  }),
  host: variable({
    name: 'HOST',
    default: '127.0.0.1',
    example: '0.0.0.0',
    description:
      'Address to listen on. 127.0.0.1 serves this machine only (OBS next to the service); 0.0.0.0 serves the network.',
    parse: nonEmptyText,
  }),
  logLevel: variable({
    name: 'LOG_LEVEL',
    default: 'log',
    example: 'debug',
    description: `Least severe log level printed: ${LOG_LEVELS.join(', ')}.`,
    parse: oneOf(LOG_LEVELS),
  }),

  // --- SSE stream
  replayBufferSize: variable({
    name: 'SSE_REPLAY_BUFFER_SIZE',
    default: '500',
    example: '1000',
    description: 'How many recent events are kept so a client that reconnects gets what it missed.',
    parse: wholeNumber(1, 100_000),
  }),
  heartbeatSeconds: variable({
    name: 'SSE_HEARTBEAT_SECONDS',
    default: '15',
    example: '15',
    description:
      'Seconds between ": ping" comments that keep proxies and OBS from closing an idle stream.',
    parse: wholeNumber(1, 300),
  }),
  retryMs: variable({
    name: 'SSE_RETRY_MS',
    default: '3000',
    example: '3000',
    description: 'The "retry:" hint: milliseconds a browser waits before reconnecting.',
    parse: wholeNumber(100, 600_000),
  }),
  maxPendingBytes: variable({
    name: 'SSE_MAX_PENDING_BYTES',
    default: '1048576',
    example: '1048576',
    description:
      'A client that stops reading is dropped once this much data waits for it (it reconnects and resumes).',
    parse: wholeNumber(1024, 1024 * 1024 * 1024),
  }),
  maxStreamsPerAddress: variable({
    name: 'SSE_MAX_STREAMS_PER_ADDRESS',
    default: '200',
    example: '200',
    description:
      'Most SSE streams one client address may hold open (behind a proxy, with TRUST_PROXY=true: the address it reports); one more is answered 429.',
    parse: wholeNumber(1, 10_000_000),
  }),
  maxStreams: variable({
    name: 'SSE_MAX_STREAMS',
    default: 'auto',
    example: '5000',
    description:
      "Most SSE streams open at once; one more is answered 503. auto: the process's open-file limit (ulimit -n) less 128 descriptors kept for Twitch, Redis, the event log, health and pages.",
    parse: autoOrWholeNumber(1, 10_000_000),
  }),

  // --- Twitch application and sign-in
  twitchClientId: variable({
    name: 'TWITCH_CLIENT_ID',
    default: '',
    example: 'abcdefghijklmnopqrstuvwxyz0123',
    description:
      'Client ID of your Twitch application (dev.twitch.tv/console). Unset: demo mode with the built-in Twitch simulator.',
    parse: text,
  }),
  twitchClientSecret: variable({
    name: 'TWITCH_CLIENT_SECRET',
    default: '',
    example: 'your-client-secret',
    description:
      'Client secret, needed for "Sign in with Twitch" in the browser (OAuth code flow). Device Code Flow works without it.',
    secret: true,
    parse: text,
  }),
  twitchRedirectUri: variable({
    name: 'TWITCH_REDIRECT_URI',
    default: '',
    example: 'http://localhost:3000/auth/twitch/callback',
    description:
      'OAuth redirect URI registered for your app. Empty: http://localhost:PORT/auth/twitch/callback.',
    parse: text,
  }),
  twitchBroadcaster: variable({
    name: 'TWITCH_BROADCASTER',
    default: '',
    example: 'mychannel',
    description: 'Channel to follow, as login name or numeric user id. Empty: the signed-in user.',
    parse: text,
  }),
  twitchAccessToken: variable({
    name: 'TWITCH_ACCESS_TOKEN',
    default: '',
    example: 'your-user-access-token',
    description: 'Seeds the token file once with a user access token (prefer `npm run auth`).',
    secret: true,
    parse: text,
  }),
  twitchRefreshToken: variable({
    name: 'TWITCH_REFRESH_TOKEN',
    default: '',
    example: 'your-refresh-token',
    description:
      'Seeds the token file once with a refresh token, so the access token can be renewed.',
    secret: true,
    parse: text,
  }),
  eventLog: variable({
    name: 'EVENT_LOG',
    default: 'sqlite',
    example: 'memory',
    description:
      'sqlite: every event, and the latest stats and status, are kept in a file under DATA_DIR, so ids and replay survive a restart. memory: kept in memory only (SSE_REPLAY_BUFFER_SIZE events and EVENT_LOG_CHAT_MAX_MESSAGES chat events), lost on restart.',
    parse: oneOf(EVENT_LOG_KINDS),
  }),
  dataDir: variable({
    name: 'DATA_DIR',
    default: 'data',
    example: '/var/lib/twitch-realtime',
    description:
      'Folder of the event log (events.db; demo-events.db in demo mode), owner-only. Only one running copy may use it.',
    parse: nonEmptyText,
  }),
  mediaDir: variable({
    name: 'MEDIA_DIR',
    default: 'media',
    example: '/home/streamer/alerts-media',
    description:
      'Folder of your own alert images, GIFs, WebM videos and sounds, served at /media/<file> (the alert box takes their names).',
    parse: nonEmptyText,
  }),
  eventLogMaxEvents: variable({
    name: 'EVENT_LOG_MAX_EVENTS',
    default: '100000',
    example: '20000',
    description: 'The event log keeps at most this many events; older ones are pruned.',
    parse: wholeNumber(10, 10_000_000),
  }),
  eventLogMaxAgeDays: variable({
    name: 'EVENT_LOG_MAX_AGE_DAYS',
    default: '30',
    example: '7',
    description: 'Events older than this many days are pruned from the event log.',
    parse: wholeNumber(1, 3650),
  }),
  eventLogChatMaxMessages: variable({
    name: 'EVENT_LOG_CHAT_MAX_MESSAGES',
    default: '5000',
    example: '2000',
    description:
      'Chat (channel.chat.message and the moderation events) is kept apart from the other events, so a busy chat never pushes an alert out: at most this many chat events are kept (also in memory with EVENT_LOG=memory or REDIS_URL); older ones are pruned.',
    parse: wholeNumber(10, 1_000_000),
  }),
  eventLogChatMaxAgeHours: variable({
    name: 'EVENT_LOG_CHAT_MAX_AGE_HOURS',
    default: '24',
    example: '2',
    description: 'Chat events older than this many hours are pruned from the event log.',
    parse: wholeNumber(1, 8760),
  }),
  tokenFile: variable({
    name: 'TOKEN_FILE',
    default: 'data/twitch-token.json',
    example: 'data/twitch-token.json',
    description: 'Where the Twitch tokens are kept (written with owner-only permissions).',
    parse: nonEmptyText,
  }),
  adminToken: variable({
    name: 'ADMIN_TOKEN',
    default: '',
    example: '<the output of: openssl rand -hex 24>',
    description:
      'Required by admin routes (sign-in, test events); 16 characters or more. Empty: admin routes answer this machine only. Set it behind a reverse proxy.',
    secret: true,
    parse: secretOfAtLeast(16),
  }),
  trustProxy: variable({
    name: 'TRUST_PROXY',
    default: 'false',
    example: 'true',
    description:
      'false: a request with X-Forwarded-For, Forwarded or X-Real-IP came through a proxy and is never taken as this machine. true: the proxy in front appends the client to X-Forwarded-For.',
    parse: flag,
  }),

  // --- Twitch data
  eventSubEvents: variable({
    name: 'EVENTSUB_EVENTS',
    default: DEFAULT_EVENT_TYPES.join(','),
    example: 'channel.follow,channel.raid,channel.channel_points_custom_reward_redemption.add',
    description:
      'EventSub types to subscribe to (comma-separated); sign-in asks for the scopes they need. Demo mode subscribes to every type unless this is set.',
    parse: listOf(TWITCH_EVENT_TYPES),
  }),
  statsPollInterval: variable({
    name: 'STATS_POLL_INTERVAL',
    default: '60',
    example: '60',
    description:
      'Seconds between Helix polls of viewers, followers and subs (one poll serves every client).',
    parse: wholeNumber(10, 3600),
  }),
  emoteCdnUrl: variable({
    name: 'EMOTE_CDN_URL',
    default: 'https://static-cdn.jtvnw.net/emoticons/v2',
    example: 'https://static-cdn.jtvnw.net/emoticons/v2',
    description:
      "Where the widgets load Twitch emote images in viewers' messages (<base>/<id>/<format>/<theme>/<scale>). Demo mode uses its simulator's unless this is set. An emote that cannot be loaded shows as its text.",
    parse: httpBaseUrl,
  }),
  sevenTvApiUrl: variable({
    name: 'SEVENTV_API_URL',
    default: 'https://7tv.io/v3',
    example: 'https://7tv.io/v3',
    description:
      "7TV's public API, where a chat box with thirdPartyEmotes=7tv asks (from the browser) for the channel's and the global 7TV emotes.",
    parse: httpBaseUrl,
  }),
  sevenTvCdnUrl: variable({
    name: 'SEVENTV_CDN_URL',
    default: 'https://cdn.7tv.app/emote',
    example: 'https://cdn.7tv.app/emote',
    description: 'Where the chat box loads 7TV emote images (<base>/<id>/<1x|2x|4x>.webp).',
    parse: httpBaseUrl,
  }),
  bttvApiUrl: variable({
    name: 'BTTV_API_URL',
    default: 'https://api.betterttv.net/3',
    example: 'https://api.betterttv.net/3',
    description:
      "BetterTTV's public API, where a chat box with thirdPartyEmotes=bttv asks (from the browser) for the channel's and the global BetterTTV emotes.",
    parse: httpBaseUrl,
  }),
  bttvCdnUrl: variable({
    name: 'BTTV_CDN_URL',
    default: 'https://cdn.betterttv.net/emote',
    example: 'https://cdn.betterttv.net/emote',
    description: 'Where the chat box loads BetterTTV emote images (<base>/<id>/<1x|2x|3x>).',
    parse: httpBaseUrl,
  }),
  ffzApiUrl: variable({
    name: 'FFZ_API_URL',
    default: 'https://api.frankerfacez.com/v1',
    example: 'https://api.frankerfacez.com/v1',
    description:
      "FrankerFaceZ's public API, where a chat box with thirdPartyEmotes=ffz asks (from the browser) for the channel's and the global FrankerFaceZ emotes.",
    parse: httpBaseUrl,
  }),
  ffzCdnUrl: variable({
    name: 'FFZ_CDN_URL',
    default: 'https://cdn.frankerfacez.com/emote',
    example: 'https://cdn.frankerfacez.com/emote',
    description: 'Where the chat box loads FrankerFaceZ emote images (<base>/<id>/<1|2|4>).',
    parse: httpBaseUrl,
  }),

  // --- demo mode and simulator
  demoMode: variable({
    name: 'DEMO_MODE',
    default: 'auto',
    example: 'on',
    description:
      'auto: demo when TWITCH_CLIENT_ID is unset; on: always run against the built-in Twitch simulator; off: never.',
    parse: oneOf(DEMO_MODES),
  }),
  demoActivity: variable({
    name: 'DEMO_ACTIVITY',
    default: 'true',
    example: 'false',
    description:
      'In demo mode, play a script of follows, subs, gifts, cheers and a raid so the stream looks alive.',
    parse: flag,
  }),
  simulatorPort: variable({
    name: 'SIMULATOR_PORT',
    default: '3001',
    example: '3001',
    description:
      'Port of the built-in Twitch simulator in demo mode (loopback only; `npm run trigger` talks to it).',
    parse: port,
  }),

  twurpleMockApiPort: variable({
    name: 'TWURPLE_MOCK_API_PORT',
    default: '',
    example: '8080',
    description:
      'Advanced: send every Twitch call to a mock server on this loopback port (e.g. the Twitch CLI mock server) instead of Twitch.',
    parse: (raw) => (raw.trim() === '' ? null : port(raw)),
  }),

  // --- operations
  metricsEnabled: variable({
    name: 'METRICS_ENABLED',
    default: 'true',
    example: 'false',
    description: 'Serve Prometheus metrics at GET /metrics.',
    parse: flag,
  }),

  // --- several instances (scale-out and fail-over on Redis)
  redisUrl: variable({
    name: 'REDIS_URL',
    default: '',
    example: 'redis://:password@127.0.0.1:6379/0',
    description:
      'Run as one of several instances sharing one Twitch connection through Redis (the event log, tokens and the leader lease live there). Empty: one instance with its own files.',
    secret: true,
    parse: redisUrl,
  }),
  workers: variable({
    name: 'WORKERS',
    default: '1',
    example: '2',
    description:
      'How many instances `npm start` runs on this machine, sharing PORT (one per CPU core is a good number). More than 1 needs REDIS_URL.',
    parse: wholeNumber(1, 64),
  }),
  instanceId: variable({
    name: 'INSTANCE_ID',
    default: '',
    example: 'vps-1',
    description:
      "This instance's name on the dashboard and in Redis, unique among the instances. Empty: <host name>-<process id>.",
    parse: text,
  }),
  standby: variable({
    name: 'STANDBY',
    default: 'true',
    example: 'false',
    description:
      "With REDIS_URL and 2+ instances: one follower (the standby) holds its own EventSub session beside the leader's, so a leader's death loses no event. It is a second of the 3 EventSub connections Twitch allows per app and account; false keeps to one (a failover then recovers from Helix what it can).",
    parse: flag,
  }),
} as const;

type Schema = typeof CONFIG_SCHEMA;

/** The validated configuration: one typed field per variable of `CONFIG_SCHEMA`. */
export type ConfigValues = {
  readonly [K in keyof Schema]: Schema[K] extends ConfigVariable<infer T> ? T : never;
};
