import type { INestApplication } from '@nestjs/common';
import { AbstractLoader, ExpressLoader } from '@nestjs/serve-static';
import { Test } from '@nestjs/testing';
import type { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import { BusTestAlertSender, TestAlertSender } from '../../src/alerts/test-alert-sender.js';
import { composeService, startApp } from '../../src/app.factory.js';
import { loadConfig, type AppConfig, type Environment } from '../../src/config/app-config.js';
import { DEFAULT_EVENT_TYPES } from '../../src/event-types/event-types.js';
import { TwitchSession } from '../../src/twitch/twitch-session.js';
import { DormantTwitchSession } from './dormant-twitch-session.js';
import { checkPublishedMessages } from './sse-contract-check.js';

/** A running service on a free loopback port, for end-to-end tests. */
export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  close(): Promise<void>;
}

/** How a test wants the service. */
export interface TestAppOptions {
  /**
   * Connect to Twitch (the simulator, in demo mode). Off by default: the Twitch session is
   * replaced by one that never connects, test alerts go onto the bus, and tests publish into the
   * bus directly.
   */
  twitch?: boolean;
  /** The simulator to use as Twitch in demo mode (default: the service starts its own). */
  simulator?: TwitchSimulator;
}

/** Starts the service with `env` over quiet test defaults (no `.env` file is read). */
export async function startTestApp(
  env: Environment = {},
  options: TestAppOptions = {},
): Promise<TestApp> {
  const config = loadConfig(
    {
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      DEMO_MODE: 'on',
      DEMO_ACTIVITY: 'false',
      SIMULATOR_PORT: '0',
      // Tests that need the durable log set EVENT_LOG=sqlite and a DATA_DIR of their own.
      EVENT_LOG: 'memory',
      // The default types, as outside demo mode (demo mode takes every type unless told);
      // tests of the other types name them, and EVENTSUB_EVENTS: '' gives the demo's choice.
      EVENTSUB_EVENTS: DEFAULT_EVENT_TYPES.join(','),
      ...env,
    },
    null,
  );
  const service = await composeService(config, { simulator: options.simulator });
  const builder = Test.createTestingModule({ imports: [service.module] });
  // @nestjs/serve-static picks its loader when the module is compiled, which in a testing module is
  // before the HTTP adapter exists: it would fall back to serving nothing (nestjs/serve-static#240).
  builder.overrideProvider(AbstractLoader).useValue(new ExpressLoader());
  if (!options.twitch) {
    // Nothing reaches Twitch; test alerts go straight onto the bus, as without demo mode.
    builder.overrideProvider(TwitchSession).useValue(new DormantTwitchSession());
    builder.overrideProvider(TestAlertSender).useClass(BusTestAlertSender);
  }
  const moduleRef = await builder.compile();
  const app = await startApp(moduleRef.createNestApplication(service.applicationOptions), config);
  // Every message published is checked against the contract's JSON Schemas, also those only a
  // browser reads; the first that does not match fails the test when it closes the service.
  const contractViolation = checkPublishedMessages(app);
  const address = app.getHttpServer().address() as { port: number };
  return {
    app,
    config,
    baseUrl: `http://127.0.0.1:${address.port}`,
    close: async () => {
      const violation = contractViolation();
      await app.close();
      if (violation) throw violation;
    },
  };
}
