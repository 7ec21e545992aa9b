import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TWITCH_EVENT_TYPES } from '../contract/twitch-events.js';
import { DEFAULT_EVENT_TYPES } from '../event-types/event-types.js';
import { loadConfig } from './app-config.js';
import { ConfigError } from './config-error.js';
import { CONFIG_SCHEMA } from './config.schema.js';
import { renderEnvExample } from './env-example.js';

function errorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env, null);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`no error for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('gives every variable its default when nothing is set', () => {
    const { values } = loadConfig({}, null);
    expect(values.port).toBe(3000);
    expect(values.host).toBe('127.0.0.1');
    expect(values.replayBufferSize).toBe(500);
    expect(values.heartbeatSeconds).toBe(15);
    expect(values.statsPollInterval).toBe(60);
    expect(values.eventSubEvents).toEqual([...DEFAULT_EVENT_TYPES]);
  });

  it('subscribes to the seven types by default, and to every type in demo mode unless told', () => {
    const twitch = loadConfig({ TWITCH_CLIENT_ID: 'abc' }, null);
    expect(twitch.eventSubEvents).toEqual([...DEFAULT_EVENT_TYPES]);
    // Every type, Bits in one place: channel.bits.use carries the cheers (and Power-ups).
    expect(loadConfig({}, null).eventSubEvents).toEqual(
      TWITCH_EVENT_TYPES.filter((type) => type !== 'channel.cheer'),
    );
    const chosen = loadConfig({ EVENTSUB_EVENTS: 'channel.poll.begin,channel.poll.end' }, null);
    expect(chosen.eventSubEvents).toEqual(['channel.poll.begin', 'channel.poll.end']);
  });

  it('parses and types the values it is given', () => {
    const { values } = loadConfig(
      {
        PORT: '8080',
        SSE_REPLAY_BUFFER_SIZE: ' 42 ',
        EVENTSUB_EVENTS: 'channel.raid, channel.follow',
        METRICS_ENABLED: 'no',
      },
      null,
    );
    expect(values.port).toBe(8080);
    expect(values.replayBufferSize).toBe(42);
    expect(values.eventSubEvents).toEqual(['channel.raid', 'channel.follow']);
    expect(values.metricsEnabled).toBe(false);
  });

  it('caps SSE streams at 200 per address and works the total out from the file limit by default', () => {
    const defaults = loadConfig({}, null).values;
    expect(defaults.maxStreamsPerAddress).toBe(200);
    expect(defaults.maxStreams).toBeNull();
    const given = loadConfig({ SSE_MAX_STREAMS: '5000', SSE_MAX_STREAMS_PER_ADDRESS: '20' }, null);
    expect(given.values.maxStreams).toBe(5000);
    expect(given.values.maxStreamsPerAddress).toBe(20);
  });

  it('keeps 5,000 chat events for a day by default, apart from the other events, as told otherwise', () => {
    expect(loadConfig({}, null).chatRetention).toEqual({
      maxMessages: 5000,
      maxAgeMs: 24 * 3_600_000,
    });
    const given = loadConfig(
      { EVENT_LOG_CHAT_MAX_MESSAGES: '2000', EVENT_LOG_CHAT_MAX_AGE_HOURS: '2' },
      null,
    );
    expect(given.chatRetention).toEqual({ maxMessages: 2000, maxAgeMs: 2 * 3_600_000 });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT', 'PORT=3000'],
    [
      { EVENT_LOG_CHAT_MAX_MESSAGES: '5' },
      'EVENT_LOG_CHAT_MAX_MESSAGES',
      'EVENT_LOG_CHAT_MAX_MESSAGES=2000',
    ],
    [
      { EVENT_LOG_CHAT_MAX_AGE_HOURS: '0' },
      'EVENT_LOG_CHAT_MAX_AGE_HOURS',
      'EVENT_LOG_CHAT_MAX_AGE_HOURS=2',
    ],
    [{ PORT: '70000' }, 'PORT', 'PORT=3000'],
    [{ SSE_HEARTBEAT_SECONDS: '0' }, 'SSE_HEARTBEAT_SECONDS', 'SSE_HEARTBEAT_SECONDS=15'],
    [{ SSE_REPLAY_BUFFER_SIZE: '1.5' }, 'SSE_REPLAY_BUFFER_SIZE', 'SSE_REPLAY_BUFFER_SIZE=1000'],
    [{ STATS_POLL_INTERVAL: '5' }, 'STATS_POLL_INTERVAL', 'STATS_POLL_INTERVAL=60'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'LOG_LEVEL=debug'],
    [
      { EVENTSUB_EVENTS: 'channel.follow,channel.hug' },
      'EVENTSUB_EVENTS',
      'EVENTSUB_EVENTS=channel.follow,channel.raid',
    ],
    [{ DEMO_MODE: 'maybe' }, 'DEMO_MODE', 'DEMO_MODE=on'],
    [
      { SSE_MAX_STREAMS_PER_ADDRESS: '0' },
      'SSE_MAX_STREAMS_PER_ADDRESS',
      'SSE_MAX_STREAMS_PER_ADDRESS=200',
    ],
    [{ SSE_MAX_STREAMS: 'lots' }, 'SSE_MAX_STREAMS', 'SSE_MAX_STREAMS=5000'],
  ])(
    'refuses %j with one line naming the variable, the problem and a good example',
    (env, name, example) => {
      const error = errorFor(env);
      expect(error.variable).toBe(name);
      expect(error.message).not.toContain('\n');
      expect(error.message.startsWith(`${name} is not valid: `)).toBe(true);
      expect(error.message).toContain(`Example of a good value: ${example}`);
    },
  );

  it('says what is wrong in words a streamer can act on', () => {
    expect(errorFor({ PORT: 'abc' }).message).toBe(
      'PORT is not valid: "abc" is not a whole number. Example of a good value: PORT=3000',
    );
    expect(errorFor({ EVENTSUB_EVENTS: 'channel.hug' }).message).toContain(
      'channel.hug is not known',
    );
  });

  it('says how to fix DEMO_MODE=off without a Twitch client id', () => {
    const error = errorFor({ DEMO_MODE: 'off' });
    expect(error.variable).toBe('TWITCH_CLIENT_ID');
    expect(error.message).toContain('set TWITCH_CLIENT_ID=');
  });

  it('chooses demo mode when no Twitch client id is configured, unless told otherwise', () => {
    expect(loadConfig({}, null).demo).toBe(true);
    expect(loadConfig({ TWITCH_CLIENT_ID: 'abc' }, null).demo).toBe(false);
    expect(loadConfig({ TWITCH_CLIENT_ID: 'abc', DEMO_MODE: 'on' }, null).demo).toBe(true);
  });

  it('polls every 15 s in demo mode unless STATS_POLL_INTERVAL is set', () => {
    expect(loadConfig({}, null).statsPollSeconds).toBe(15);
    expect(loadConfig({ STATS_POLL_INTERVAL: '60' }, null).statsPollSeconds).toBe(60);
    expect(loadConfig({ TWITCH_CLIENT_ID: 'abc' }, null).statsPollSeconds).toBe(60);
  });

  it('reads a .env file under the environment', () => {
    const dir = mkdtempSync(join(tmpdir(), 'twitch-realtime-config-'));
    const file = join(dir, '.env');
    writeFileSync(file, 'PORT=4000\nHOST=0.0.0.0\n# a comment\n');
    const config = loadConfig({ PORT: '5000' }, file);
    expect(config.values.port).toBe(5000);
    expect(config.values.host).toBe('0.0.0.0');
  });

  it('refuses an ADMIN_TOKEN shorter than 16 characters, in one line that never shows it', () => {
    const error = errorFor({ ADMIN_TOKEN: 'hunter2-secret' });
    expect(error.variable).toBe('ADMIN_TOKEN');
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).toMatch(/^ADMIN_TOKEN is not valid: .*shorter than 16 characters/);
    expect(error.message).toContain('openssl rand -hex 24');
    expect(error.message).toContain('Example of a good value: ADMIN_TOKEN=');
    expect(loadConfig({ ADMIN_TOKEN: ' 0123456789abcdef ' }, null).values.adminToken).toBe(
      '0123456789abcdef',
    );
    expect(loadConfig({}, null).values.adminToken).toBe('');
  });

  it('trusts no proxy unless TRUST_PROXY says so', () => {
    expect(loadConfig({}, null).values.trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }, null).values.trustProxy).toBe(true);
    expect(errorFor({ TRUST_PROXY: 'sometimes' }).message).toBe(
      'TRUST_PROXY is not valid: "sometimes" is not true or false. Example of a good value: TRUST_PROXY=true',
    );
  });

  it('loads emotes from Twitch’s CDN unless EMOTE_CDN_URL names another http(s) base', () => {
    expect(loadConfig({}, null).values.emoteCdnUrl).toBe(
      'https://static-cdn.jtvnw.net/emoticons/v2',
    );
    expect(
      loadConfig({ EMOTE_CDN_URL: 'http://127.0.0.1:3001/emoticons/v2/' }, null).values.emoteCdnUrl,
    ).toBe('http://127.0.0.1:3001/emoticons/v2');
    expect(errorFor({ EMOTE_CDN_URL: 'javascript:alert(1)' }).message).toBe(
      'EMOTE_CDN_URL is not valid: it must start with https:// or http://. Example of a good value: EMOTE_CDN_URL=https://static-cdn.jtvnw.net/emoticons/v2',
    );
    expect(errorFor({ EMOTE_CDN_URL: 'static-cdn.jtvnw.net' }).message).toMatch(
      /^EMOTE_CDN_URL is not valid: "static-cdn.jtvnw.net" is not a URL\./,
    );
    expect(errorFor({ EMOTE_CDN_URL: 'https://cdn.example/e?x=1' }).message).toContain(
      'must not have a query',
    );
  });

  it("gives the widgets the demo simulator's emote images in demo mode unless EMOTE_CDN_URL is set", () => {
    const simulator = 'http://localhost:3001';
    expect(loadConfig({}, null).emoteBaseUrl(simulator)).toBe(`${simulator}/emoticons/v2`);
    expect(loadConfig({}, null).emoteBaseUrl(null)).toBe(
      'https://static-cdn.jtvnw.net/emoticons/v2',
    );
    const chosen = loadConfig({ EMOTE_CDN_URL: 'https://mirror.example/e' }, null);
    expect(chosen.emoteBaseUrl(simulator)).toBe('https://mirror.example/e');
  });

  it('is documented in .env.example, every variable with its default', () => {
    expect(readFileSync('.env.example', 'utf8')).toBe(renderEnvExample());
  });
});

describe('the README', () => {
  it('has a configuration row for every variable, with its default', () => {
    const readme = readFileSync('README.md', 'utf8');
    for (const spec of Object.values(CONFIG_SCHEMA)) {
      const row = readme.split('\n').find((line) => line.startsWith(`| \`${spec.name}\``));
      expect(row).toBeDefined();
      if (spec.default !== '' && spec.name !== 'EVENTSUB_EVENTS')
        expect(row).toContain(`\`${spec.default}\``);
    }
  });
});

describe('Bits in one place', () => {
  it('leaves channel.cheer out when channel.bits.use is chosen, which carries every cheer too', () => {
    const both = loadConfig(
      { EVENTSUB_EVENTS: 'channel.cheer,channel.bits.use,channel.follow' },
      null,
    );
    expect(both.eventSubEvents).toEqual(['channel.bits.use', 'channel.follow']);
    const cheerOnly = loadConfig({ EVENTSUB_EVENTS: 'channel.cheer,channel.follow' }, null);
    expect(cheerOnly.eventSubEvents).toEqual(['channel.cheer', 'channel.follow']);
    const byDefault = loadConfig({ TWITCH_CLIENT_ID: 'abc' }, null).eventSubEvents;
    expect(byDefault).toContain('channel.cheer');
    expect(byDefault).toContain('channel.subscription.message');
    expect(byDefault).not.toContain('channel.bits.use');
  });
});
