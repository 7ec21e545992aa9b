import { CONFIG_SCHEMA, type ConfigVariable } from './config.schema.js';

/**
 * The text of `.env.example`, made from `CONFIG_SCHEMA` so that it always lists every variable with
 * its default. `npm run env:example` writes it; a test fails when the committed file differs.
 */
export function renderEnvExample(): string {
  const lines = [
    '# twitch-realtime configuration. Copy to .env and change what you need;',
    '# the environment wins over this file. Every variable is optional: with none set,',
    '# `npm start` runs in demo mode against the built-in Twitch simulator.',
    '',
  ];
  for (const spec of Object.values(CONFIG_SCHEMA) as ConfigVariable<unknown>[]) {
    lines.push(`# ${spec.description}`);
    if (spec.default === '') lines.push(`# e.g. ${spec.name}=${spec.example}`);
    lines.push(`${spec.name}=${spec.default}`, '');
  }
  return lines.join('\n');
}
