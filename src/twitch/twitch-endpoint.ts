import type { AppConfig } from '../config/app-config.js';

/**
 * Points Twurple at a mock server on loopback, or at Twitch. Twurple reads
 * `TWURPLE_MOCK_API_PORT` from the process environment on every call, so this is the one place the
 * service writes to `process.env`: the configured value (which may come from `.env`), or the port
 * of the built-in simulator in demo mode.
 */
export function pointTwurpleAt(mockApiPort: number | null): void {
  if (mockApiPort === null) delete process.env.TWURPLE_MOCK_API_PORT;
  else process.env.TWURPLE_MOCK_API_PORT = String(mockApiPort);
}

/** The mock port from configuration, if any. */
export function configuredMockPort(config: AppConfig): number | null {
  return config.values.twurpleMockApiPort;
}

/** Where a browser goes to authorize the app: Twitch, or the mock server's `/auth/authorize`. */
export function authorizeUrl(): string {
  const port = process.env.TWURPLE_MOCK_API_PORT;
  return port ? `http://localhost:${port}/auth/authorize` : 'https://id.twitch.tv/oauth2/authorize';
}
