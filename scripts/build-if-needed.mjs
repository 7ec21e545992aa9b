// Runs `nest build` when dist/ is missing or older than any file under src/, so `npm start`,
// `npm run trigger` and `npm run auth` work straight after `npm ci` and after every edit.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const marker = 'dist/main.js';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

const configFiles = ['tsconfig.json', 'tsconfig.build.json', 'nest-cli.json', 'package-lock.json'];
const sourceTime = Math.max(
  newestMtime('src'),
  ...configFiles.filter(existsSync).map((f) => statSync(f).mtimeMs),
);
if (!existsSync(marker) || statSync(marker).mtimeMs < sourceTime) {
  console.log('Building (src/ changed since the last build)…');
  execFileSync(
    process.execPath,
    ['node_modules/@nestjs/cli/bin/nest.js', 'build', '-p', 'tsconfig.build.json'],
    {
      stdio: 'inherit',
    },
  );
}
