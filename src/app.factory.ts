import 'reflect-metadata';
import {
  ConsoleLogger,
  type DynamicModule,
  type INestApplication,
  type LogLevel,
  type NestApplicationOptions,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import { refuseFraming } from './admin/frame-policy.js';
import { serveApiDocs } from './api-docs/serve-api-docs.js';
import { AppModule } from './app.module.js';
import { Cluster } from './cluster/cluster.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigError } from './config/config-error.js';
import { LOG_LEVELS } from './config/config.schema.js';
import { DemoModule } from './demo/demo.module.js';
import { serveStreamAheadOfExpress } from './stream/stream-ahead-of-express.js';
import { SimulatorTestAlertSender } from './demo/simulator-test-alert-sender.js';
import { SimulatorTokenSource } from './demo/simulator-token-source.js';
import { configuredMockPort, pointTwurpleAt } from './twitch/twitch-endpoint.js';

/** Options for `createApp` and `composeService`. */
export interface CreateAppOptions {
  /**
   * A simulator, already started, to use as Twitch in demo mode (tests that break things on
   * purpose pass their own). Without one, demo mode starts its own on SIMULATOR_PORT.
   */
  simulator?: TwitchSimulator;
}

/** The service put together for a configuration, before Nest builds it. */
export interface ComposedService {
  /** The root module. */
  readonly module: DynamicModule;
  /** The options Nest builds the application with (the logger among them). */
  readonly applicationOptions: NestApplicationOptions;
}

/** Builds the Nest application from a validated configuration and starts listening. */
export async function createApp(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<INestApplication> {
  const service = await composeService(config, options);
  const app = await NestFactory.create<NestExpressApplication>(
    service.module,
    service.applicationOptions,
  );
  return startApp(app, config);
}

/**
 * Puts the service together: the logger, and in demo mode the built-in simulator (started here
 * unless one is given) with Twurple pointed at it. Tests build the same module with Nest's testing
 * module, so they can override providers.
 */
export async function composeService(
  config: AppConfig,
  options: CreateAppOptions = {},
): Promise<ComposedService> {
  const logger = new StartupLogger({ logLevels: levelsFrom(config.values.logLevel) });
  let simulator = options.simulator;
  const ownsSimulator = config.demo && !simulator;
  if (ownsSimulator) simulator = await startSimulator(config, logger);
  pointTwurpleAt(simulator ? simulator.port : configuredMockPort(config));
  // As one of several instances: Redis first (not answering stops the start here, naming REDIS_URL).
  const cluster = config.values.redisUrl ? await Cluster.open(config) : undefined;
  const module = simulator
    ? AppModule.forRoot(config, {
        tokenSource: new SimulatorTokenSource(simulator),
        testAlertSender: new SimulatorTestAlertSender(simulator),
        emoteBaseUrl: config.emoteBaseUrl(simulator.baseUrl),
        extraImports: [DemoModule.forRoot(simulator, ownsSimulator)],
      })
    : AppModule.forRoot(config, { cluster });
  return {
    module,
    applicationOptions: {
      logger,
      // Throw instead of exiting, so main() reports it and tests see the error.
      abortOnError: false,
      // SSE clients keep their connections open for good; on shutdown they are ended, then closed.
      forceCloseConnections: true,
    },
  };
}

/** Finishes an application built from `composeService` and starts listening on HOST/PORT. */
export async function startApp<T extends INestApplication>(app: T, config: AppConfig): Promise<T> {
  (app as unknown as NestExpressApplication).disable('x-powered-by');
  // Before every route, the static files included: only widgets and the stream may be framed.
  app.use(refuseFraming);
  // The OpenAPI document at /api/openapi.json and its page at /api/docs.
  serveApiDocs(app);
  // The SSE stream's own path, ahead of Express: a connection then holds only Node's objects.
  serveStreamAheadOfExpress(app);
  app.enableShutdownHooks();
  try {
    await app.listen(config.values.port, config.values.host);
  } catch (error) {
    await app.close();
    throw portError(error, 'PORT', config.values.port);
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

/**
 * Nest's logger, except that it leaves a `ConfigError` thrown while Nest builds the service (a
 * DATA_DIR that cannot be used, say) to `main`, which prints it once, as one line; Nest would
 * print it first with its stack.
 */
class StartupLogger extends ConsoleLogger {
  override error(message: unknown, ...rest: unknown[]): void {
    if (message instanceof ConfigError) return;
    super.error(message, ...rest);
  }
}
