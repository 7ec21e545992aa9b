/**
 * `npm run trigger -- <event|fault> [options]`: makes things happen on the running Twitch simulator
 * (demo mode). `npm run trigger -- --help` lists events, options and faults.
 */
import { loadConfig } from '../../config/app-config.js';
import { runTriggerCommand } from './trigger-command.js';

/** The simulator's port from the configuration (`SIMULATOR_PORT` in the environment or `.env`). */
function configuredPort(): number {
  const port = loadConfig(process.env).values.simulatorPort;
  if (port === 0) {
    throw new Error(
      'SIMULATOR_PORT=0 gives the simulator a random port; pass --port <port> to say which one.',
    );
  }
  return port;
}

process.exitCode = await runTriggerCommand(
  process.argv.slice(2),
  { print: (text) => console.log(text), printError: (text) => console.error(text) },
  configuredPort,
);
