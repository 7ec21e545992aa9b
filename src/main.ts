import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { loadConfig, type AppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-error.js';

/** Starts the service: configuration first (a bad value stops here with one line), then Nest. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Configuration error: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  const url = await app.getUrl();
  new Logger('twitch-realtime').log(`Listening on ${url} — SSE stream at ${url}/api/twitch/stream`);
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
