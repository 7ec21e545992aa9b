import 'reflect-metadata';
import { ConsoleLogger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule, type AppModuleOptions } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { LOG_LEVELS } from './config/config.schema.js';

/** Options for `createApp` that tests use. */
export interface CreateAppOptions extends Pick<AppModuleOptions, 'twitch'> {
  /** Listen on the configured HOST/PORT (default true). */
  listen?: boolean;
}

/** Builds the Nest application from a validated configuration and, by default, starts listening. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, { twitch: options.twitch }),
    {
      logger: new ConsoleLogger({ logLevels: levelsFrom(config.values.logLevel) }),
      // Bodies are small JSON documents from the dashboard; nothing here needs more.
      bodyParser: true,
      // Throw instead of exiting, so main() reports it and tests see the error.
      abortOnError: false,
      // SSE clients keep their connections open for good; on shutdown they are ended, then closed.
      forceCloseConnections: true,
    },
  );
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  if (options.listen ?? true) {
    await app.listen(config.values.port, config.values.host);
  }
  return app;
}

/** `log` means error, warn and log; `debug` adds debug; and so on. */
function levelsFrom(least: (typeof LOG_LEVELS)[number]): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(least) + 1) as LogLevel[];
}
