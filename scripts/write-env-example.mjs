// Writes .env.example from the configuration schema (see src/config/env-example.ts).
import { writeFileSync } from 'node:fs';
const { renderEnvExample } = await import('../dist/config/env-example.js');
writeFileSync('.env.example', renderEnvExample());
console.log('Wrote .env.example');
