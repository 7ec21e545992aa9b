import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** The port a simulator listens on when nobody says otherwise (the service's demo mode default). */
export const DEFAULT_SIMULATOR_PORT = 3001;

/**
 * The simulator's port for `npm run trigger` when `--port` is absent: `SIMULATOR_PORT` from the
 * environment, else from `.env` in the working directory (where the service reads it in demo
 * mode), else 3001. Throws a one-line error for a value that is not a usable port.
 */
export function simulatorPortFrom(
  env: Record<string, string | undefined>,
  envFile: string | null = '.env',
): number {
  const raw = nonEmpty(env.SIMULATOR_PORT) ?? nonEmpty(readEnvFile(envFile).SIMULATOR_PORT);
  if (raw === undefined) return DEFAULT_SIMULATOR_PORT;
  const value = raw.trim();
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) {
    throw new Error(
      `SIMULATOR_PORT is not valid: "${raw}" is not a port (0..65535). Example of a good value: SIMULATOR_PORT=${DEFAULT_SIMULATOR_PORT}`,
    );
  }
  if (port === 0) {
    throw new Error(
      'SIMULATOR_PORT=0 gives the simulator a random port; pass --port <port> to say which one.',
    );
  }
  return port;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function readEnvFile(path: string | null): Record<string, string | undefined> {
  if (!path || !existsSync(path)) return {};
  try {
    return parseEnv(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
}
