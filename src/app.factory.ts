import 'reflect-metadata';
import { ConsoleLogger, type INestApplication, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import { AppModule } from './app.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-error.js';
import { LOG_LEVELS } from './config/config.schema.js';
import { DemoModule } from './demo/demo.module.js';
import { SimulatorTokenSource } from './demo/simulator-token-source.js';
import { FileTokenSource } from './twitch/file-token-source.js';
import { configuredMockPort, pointTwurpleAt } from './twitch/twitch-endpoint.js';

/** Options for `createApp` that tests use. */
export interface CreateAppOptions {
  /** Listen on the configured HOST/PORT (default true). */
  listen?: boolean;
  /** Run the Twitch side: session, EventSub, stats poller, sign-in (default true). */
  twitch?: boolean;
  /**
   * A simulator, already started, to use as Twitch in demo mode (tests that break things on
   * purpose pass their own). Without one, demo mode starts its own on SIMULATOR_PORT.
   */
  simulator?: TwitchSimulator;
}

/** Builds the Nest application from a validated configuration and, by default, starts listening. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const twitch = options.twitch ?? true;
  const logger = new ConsoleLogger({ logLevels: levelsFrom(config.values.logLevel) });
  let simulator = options.simulator;
  const ownsSimulator = twitch && config.demo && !simulator;
  if (ownsSimulator) simulator = await startSimulator(config, logger);
  const demo = twitch && simulator !== undefined;
  if (twitch) pointTwurpleAt(demo ? simulator!.port : configuredMockPort(config));

  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(config, {
      twitch,
      tokenSource: demo ? SimulatorTokenSource : FileTokenSource,
      extraImports: demo ? [DemoModule.forRoot(simulator!, ownsSimulator)] : [],
    }),
    {
      logger,
      // Throw instead of exiting, so main() reports it and tests see the error.
      abortOnError: false,
      // SSE clients keep their connections open for good; on shutdown they are ended, then closed.
      forceCloseConnections: true,
    },
  );
  app.disable('x-powered-by');
  app.enableShutdownHooks();
  if (options.listen ?? true) {
    try {
      await app.listen(config.values.port, config.values.host);
    } catch (error) {
      await app.close();
      throw portError(error, 'PORT', config.values.port);
    }
  }
  return app;
}

async function startSimulator(config: AppConfig, logger: ConsoleLogger): Promise<TwitchSimulator> {
  const simulator = new TwitchSimulator({
    log: (message) => logger.debug(message, 'TwitchSimulator'),
  });
  try {
    await simulator.start({ port: config.values.simulatorPort });
  } catch (error) {
    throw portError(error, 'SIMULATOR_PORT', config.values.simulatorPort);
  }
  return simulator;
}

/** A port already taken is a configuration problem: say which variable to change. */
function portError(error: unknown, variable: string, port: number): unknown {
  if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') return error;
  return new ConfigError(
    variable,
    `${variable} is not valid: port ${port} is already in use (is the service already running?). Example of a good value: ${variable}=${port + 10}`,
  );
}

/** `log` means error, warn and log; `debug` adds debug; and so on. */
function levelsFrom(least: (typeof LOG_LEVELS)[number]): LogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(least) + 1) as LogLevel[];
}
