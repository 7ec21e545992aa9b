// The service's layering, checked: each folder of src/ may import only from the folders below it
// in LAYERS (and from itself). The composition root (files directly in src/: app.module.ts,
// instance.module.ts, main.ts, …) may import anything. dpdm (`deps:check`) finds import circles;
// this finds the arrows that climb, which make circles possible. Run by `npm run deps:check`.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Lowest first: the contract and the configuration everyone reads, up to health and metrics. */
const LAYERS = [
  'contract',
  'event-types',
  'config',
  'api-docs',
  'admin',
  'bus',
  'leadership',
  'twitch',
  'eventsub',
  'projections',
  'stats',
  // Lists read from Helix while the session lasts, the last good read kept (badges, cheermotes).
  'helix-catalogs',
  // The cheermotes and emote base the widgets draw messages with.
  'emotes',
  // The chat box's badges (Helix, cached) and where it loads third-party emotes.
  'chat',
  'recovery',
  'labels',
  'subathon',
  // Where each stream began and ended, and its recap from the log.
  'streams',
  // The credits roll: a stream's names from the log, and the dashboard's roll command.
  'credits',
  'status',
  'stream',
  'auth',
  'media',
  'widgets',
  'alerts',
  'channel-profiles',
  'demo',
  // The Redis implementations of the ports below (the log, leadership, tokens, recovery state),
  // picked by the composition root; nothing but health and metrics reads it.
  'cluster',
  'health',
  'metrics',
];

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
// The widgets' browser files import only one another (and contract.js, written by the server).
const BROWSER_FILES = join(src, 'widgets', 'public');

function sourceFiles(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return path === BROWSER_FILES ? [] : sourceFiles(path);
    // Specs are not part of the service's graph: one may drive a lower part through a higher one.
    return /\.(ts|js|mjs)$/.test(entry.name) && !/\.(d|spec)\.ts$/.test(entry.name) ? [path] : [];
  });
}

/** The folder of src/ a path is in; null for the composition root's own files, undefined outside src/. */
function folderOf(path) {
  const parts = relative(src, path).split(sep);
  if (parts[0] === '..') return undefined;
  return parts.length > 1 ? parts[0] : null;
}

const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;
const climbs = [];
const unknown = new Set();
let files = 0;
let crossings = 0;
for (const file of sourceFiles(src)) {
  files += 1;
  const from = folderOf(file);
  if (from === null) continue;
  if (!LAYERS.includes(from)) unknown.add(from);
  for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2];
    if (!specifier.startsWith('.')) continue;
    const to = folderOf(resolve(dirname(file), specifier));
    if (to === from || to === undefined) continue;
    crossings += 1;
    if (to === null) {
      climbs.push(`${relative(root, file)} imports the composition root's ${specifier}`);
    } else if (!LAYERS.includes(to)) {
      unknown.add(to);
    } else if (LAYERS.indexOf(to) > LAYERS.indexOf(from)) {
      climbs.push(`${relative(root, file)}: ${from} → ${to} (${specifier}) climbs`);
    }
  }
}

for (const folder of unknown) {
  climbs.push(
    `src/${folder}/ has no place in LAYERS (scripts/check-layers.mjs): add it where it belongs`,
  );
}
if (climbs.length > 0) {
  console.error(
    `Layering: ${climbs.length} import(s) against the layers:\n  ${climbs.join('\n  ')}`,
  );
  process.exit(1);
}
console.log(
  `Layering: ${files} files of src/, ${crossings} imports between ${LAYERS.length} folders, none climbing.`,
);
