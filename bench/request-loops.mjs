// A process of its own that GETs one URL in several loops, each reading the whole answer, until
// asked to stop ('stop' over IPC); it answers with what it got. Kept out of the coordinator, which
// publishes the alerts and takes their timestamps: a flood of requests there would delay those.
//
// Usage: node bench/request-loops.mjs <url> <loops>
const [url, loops] = process.argv.slice(2);
let running = true;
const answers = { total: 0, byStatus: {}, bytes: 0 };
const all = Array.from({ length: Number(loops) }, async () => {
  while (running) {
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      const body = await response.arrayBuffer();
      answers.total++;
      answers.bytes += body.byteLength;
      answers.byStatus[response.status] = (answers.byStatus[response.status] ?? 0) + 1;
    } catch {
      answers.byStatus.failed = (answers.byStatus.failed ?? 0) + 1;
    }
  }
});
process.on('message', async (message) => {
  if (message !== 'stop') return;
  running = false;
  await Promise.all(all);
  process.send({ answers }, () => process.exit(0));
});
process.send({ started: true });
