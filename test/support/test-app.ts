import type { INestApplication } from '@nestjs/common';
import { createApp, type CreateAppOptions } from '../../src/app.factory.js';
import { loadConfig, type AppConfig, type Environment } from '../../src/config/app-config.js';

/** A running service on a free loopback port, for end-to-end tests. */
export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  close(): Promise<void>;
}

/**
 * Starts the service with `env` over quiet test defaults (no `.env` file is read). Without
 * `options.twitch` the Twitch side does not run and tests publish into the bus directly.
 */
export async function startTestApp(
  env: Environment = {},
  options: CreateAppOptions = {},
): Promise<TestApp> {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_MODE: 'on',
      DEMO_ACTIVITY: 'false',
      SIMULATOR_PORT: '0',
      ...env,
    },
    null,
  );
  const app = await createApp(config, { twitch: false, ...options });
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: () => app.close(),
  };
}
