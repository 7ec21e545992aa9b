// Runs the service's entry point with an inspector session the bench drives over IPC:
//   'write-profile'  stop V8's CPU profiler (the one `node --cpu-prof` uses) and write the profile;
//                    `--cpu-prof` itself writes only on a normal exit, and the service ends on
//                    SIGTERM by re-raising the signal, so the bench asks before stopping it
//   'gc'             run a full garbage collection, then answer with the memory and the handles
//                    (so churn is judged on what is still alive, not on what awaits collection)
//   'lag-start', 'lag-stop'   measure the event loop's lag in between (loop-lag.mjs)
// Nothing runs until asked, so the service itself is measured as it is.
//
// Usage: node bench/service-harness.mjs [--profile <out.cpuprofile>] <entry.js>
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { pathToFileURL } from 'node:url';
import { answerLagRequests } from './loop-lag.mjs';

const args = process.argv.slice(2);
const profileFile = args[0] === '--profile' ? args[1] : null;
const entry = args.at(-1);
const session = new Session();
session.connect();
if (profileFile) {
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 1000 }); // µs, as --cpu-prof
  await session.post('Profiler.start');
}

process.on('message', async (message) => {
  if (message === 'write-profile' && profileFile) {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(profileFile, JSON.stringify(profile));
    process.send('profile-written');
  } else if (message === 'gc') {
    await session.post('HeapProfiler.collectGarbage');
    const resources = {};
    for (const type of process.getActiveResourcesInfo())
      resources[type] = (resources[type] ?? 0) + 1;
    process.send({ memory: process.memoryUsage(), resources });
  }
});
answerLagRequests();
// The IPC channel must not keep the service alive once it is asked to stop.
process.channel?.unref();

await import(pathToFileURL(entry).href);
