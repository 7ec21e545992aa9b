// Prints where a CPU profile (.cpuprofile, from `node --cpu-prof` or `npm run bench -- --profile`)
// spent its time: the functions with the most self time, and the packages they belong to.
//
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [rows=25]
import { readFileSync } from 'node:fs';

const [file, rowsArg] = process.argv.slice(2);
if (!file) {
  console.error('Usage: node bench/profile-summary.mjs <file.cpuprofile> [rows]');
  process.exit(2);
}
const rows = Number(rowsArg ?? 25);
const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
// Each sample is one interval of time spent in the node it names.
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((sum, us) => sum + us, 0);

function where(callFrame) {
  const url = callFrame.url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  // Workspace packages, e.g. the simulator inside the service in --demo runs (packages/*/dist/).
  const workspace = /\/packages\/([^/]+)\/dist\//.exec(url)?.[1];
  if (workspace) return workspace;
  if (url.includes('/dist/')) return 'service';
  if (url.startsWith('node:')) return url;
  return url === '' ? '(native)' : url.split('/').slice(-2).join('/');
}

const byFunction = new Map();
const byPackage = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id);
  const name = `${callFrame.functionName || '(anonymous)'}  ${where(callFrame)}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  const pkg = where(callFrame).startsWith('node:') ? 'node' : where(callFrame);
  byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
}
const show = (map, limit) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(
      ([name, us]) =>
        `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    )
    .join('\n');
console.log(
  `${(total / 1e6).toFixed(2)} s sampled\n\nself time by function\n${show(byFunction, rows)}`,
);
console.log(`\nself time by package\n${show(byPackage, 15)}`);
