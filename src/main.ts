import { Logger, type INestApplication } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { loadConfig, type AppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-error.js';

/** Starts the service: configuration first (a bad value stops here with one line), then Nest. */
async function main(): Promise<void> {
  let config: AppConfig;
  let app: INestApplication;
  try {
    config = loadConfig(process.env);
    app = await createApp(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  if (config.demo) console.log(demoBanner(url, config));
  else
    new Logger('twitch-realtime').log(
      `Dashboard at ${url}/ — SSE stream at ${url}/api/twitch/stream`,
    );
}

/** The one clear notice that this is the demo, where to look, and how to go live. */
function demoBanner(url: string, config: AppConfig): string {
  const lines = [
    'DEMO MODE — no Twitch credentials are configured, so the service runs against its built-in',
    `Twitch simulator (port ${config.values.simulatorPort}). Everything below is the real code path, with fake viewers.`,
    '',
    `  Dashboard      ${url}/`,
    `  Alert box      ${url}/widgets/alerts`,
    `  SSE stream     curl -N ${url}/api/twitch/stream`,
    `  Make events    npm run trigger -- channel.follow --user alice`,
    '',
    'To go live: create an app at https://dev.twitch.tv/console, put TWITCH_CLIENT_ID=<its id> in .env,',
    'run `npm run auth` to sign in, then `npm start` again.',
  ];
  const width = Math.max(...lines.map((line) => line.length));
  const rule = `+${'-'.repeat(width + 2)}+`;
  return ['', rule, ...lines.map((line) => `| ${line.padEnd(width)} |`), rule, ''].join('\n');
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
