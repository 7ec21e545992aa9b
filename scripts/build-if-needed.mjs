// Builds what is out of date, so `npm start`, `npm run trigger`, `npm run auth` and `npm run bench`
// work straight after `npm ci` and after every edit: the Twitch simulator package
// (packages/twitch-simulator/dist/, `tsc`) when its sources changed, then the service (dist/,
// scripts/build-service.mjs) when src/ or the simulator changed. The same two steps as
// `npm run build`.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const mtime = entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs;
    newest = Math.max(newest, mtime);
  }
  return newest;
}

/** The newest modification time among `dirs` and `files` (those that exist). */
function newestOf(dirs, files) {
  return Math.max(
    ...dirs.filter(existsSync).map(newestMtime),
    ...files.filter(existsSync).map((f) => statSync(f).mtimeMs),
  );
}

function outdated(marker, sourceTime) {
  return !existsSync(marker) || statSync(marker).mtimeMs < sourceTime;
}

function run(args) {
  execFileSync(process.execPath, args, { stdio: 'inherit' });
}

const simulator = 'packages/twitch-simulator';
const simulatorTime = newestOf(
  [join(simulator, 'src')],
  ['package.json', 'tsconfig.json', 'tsconfig.build.json'].map((f) => join(simulator, f)),
);
if (outdated(join(simulator, 'dist/index.js'), simulatorTime)) {
  console.log(`Building ${simulator} (its src/ changed since the last build)…`);
  // What the package's `npm run build` runs.
  run(['node_modules/typescript/bin/tsc', '-p', join(simulator, 'tsconfig.build.json')]);
}

const configFiles = ['.swcrc', 'scripts/build-service.mjs', 'package-lock.json'];
if (outdated('dist/main.js', Math.max(newestOf(['src'], configFiles), simulatorTime))) {
  console.log('Building the service (src/ or the simulator changed since the last build)…');
  run(['scripts/build-service.mjs']);
}
