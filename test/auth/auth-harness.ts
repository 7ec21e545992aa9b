import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  TwitchSimulator,
  type TwitchSimulatorOptions,
} from '@twitch-realtime/twitch-simulator';
import { loadConfig, type Environment } from '../../src/config/app-config.js';
import type { HealthReport } from '../../src/health/health-reporter.js';
import { FileTokenSource } from '../../src/twitch/file-token-source.js';
import { freePort } from '../support/free-port.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { TEST_KEEPALIVE_SECONDS } from '../support/test-keepalive.js';

/** The service in normal (not demo) mode, signing in against a simulator through TWURPLE_MOCK_API_PORT. */
export interface SignInTestApp extends TestApp {
  simulator: TwitchSimulator;
  tokenFile: string;
  health(): Promise<HealthReport>;
  /** Stops the service and starts it again on the same simulator and token file, with `env` added. */
  restart(
    env?: Environment,
    tokenToWrite?: { accessToken: string; refreshToken: string },
  ): Promise<void>;
}

/** A simulator plus the service configured like a streamer's install: client id, token file, no demo. */
export async function startSignInTestApp(
  env: Environment = {},
  simulatorOptions: TwitchSimulatorOptions = {},
): Promise<SignInTestApp> {
  const simulator = new TwitchSimulator({
    keepaliveSeconds: TEST_KEEPALIVE_SECONDS,
    deviceCodeIntervalSeconds: 1,
    ...simulatorOptions,
  });
  await simulator.start({ port: 0 });
  const tokenFile = join(
    mkdtempSync(join(tmpdir(), 'twitch-realtime-auth-')),
    'data',
    'twitch-token.json',
  );
  const baseEnv: Environment = {
    DEMO_MODE: 'off',
    TWITCH_CLIENT_ID: DEFAULT_CLIENT_ID,
    TWITCH_CLIENT_SECRET: DEFAULT_CLIENT_SECRET,
    TWURPLE_MOCK_API_PORT: String(simulator.port),
    TOKEN_FILE: tokenFile,
    // A fixed port, so the OAuth redirect URI (http://localhost:PORT/…) is known in advance.
    PORT: String(await freePort()),
    ...env,
  };
  let service: TestApp = await startTestApp(baseEnv, { twitch: true });
  const harness: SignInTestApp = {
    ...service,
    simulator,
    tokenFile,
    health: async () =>
      (await (await fetch(`${harness.baseUrl}/api/health`)).json()) as HealthReport,
    restart: async (extra = {}, tokenToWrite) => {
      await service.close();
      // Let this process's fetch pool see the old server's sockets close before the new one
      // listens on the same port, or it may reuse a dead keep-alive socket.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const restartEnv = { ...baseEnv, ...extra };
      if (tokenToWrite) {
        await new FileTokenSource(loadConfig(restartEnv, null)).save({
          ...tokenToWrite,
          scope: [],
          expiresIn: null,
          obtainmentTimestamp: Date.now(),
        });
      }
      service = await startTestApp(restartEnv, { twitch: true });
      Object.assign(harness, {
        app: service.app,
        config: service.config,
        baseUrl: service.baseUrl,
      });
    },
    close: async () => {
      await service.close();
      await simulator.stop();
    },
  };
  return harness;
}
