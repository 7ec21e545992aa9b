import { TwitchSimulator, type TwitchSimulatorOptions } from '@twitch-realtime/twitch-simulator';
import type { Environment } from '../../src/config/app-config.js';
import { startTestApp, type TestApp } from './test-app.js';

/** The service wired to a simulator the test controls (demo wiring, no demo activity). */
export interface TwitchTestApp extends TestApp {
  simulator: TwitchSimulator;
}

/**
 * Starts a simulator on a free loopback port, then the whole service against it — Twurple's real
 * code path, from EventSub and Helix to the SSE stream.
 */
export async function startTwitchTestApp(
  env: Environment = {},
  simulatorOptions: TwitchSimulatorOptions = {},
): Promise<TwitchTestApp> {
  const simulator = new TwitchSimulator({ keepaliveSeconds: 5, ...simulatorOptions });
  await simulator.start({ port: 0 });
  try {
    const service = await startTestApp({ DEMO_MODE: 'on', ...env }, { twitch: true, simulator });
    return {
      ...service,
      simulator,
      close: async () => {
        await service.close();
        await simulator.stop();
      },
    };
  } catch (error) {
    await simulator.stop();
    throw error;
  }
}
