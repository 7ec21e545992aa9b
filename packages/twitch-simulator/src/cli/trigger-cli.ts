#!/usr/bin/env node
/**
 * `npm run trigger -- <event|fault> [options]` (the package's `twitch-simulator-trigger`): makes
 * things happen on a running Twitch simulator. `--help` lists events, options and faults.
 */
import { simulatorPortFrom } from './simulator-port.js';
import { runTriggerCommand } from './trigger-command.js';

process.exitCode = await runTriggerCommand(
  process.argv.slice(2),
  { print: (text) => console.log(text), printError: (text) => console.error(text) },
  () => simulatorPortFrom(process.env),
);
