// The event-loop lag of a server process, measured inside it and read by the coordinator over IPC:
// 'lag-start' starts measuring, 'lag-stop' stops and answers { lag: { p50Ms, p99Ms, maxMs, … } }.
// Both the service (through service-harness.mjs) and the baseline load it; nothing runs until asked.
//
// Two measures of the same thing. `perf_hooks.monitorEventLoopDelay` gives the distribution: how
// late its timer ran, beyond its interval. A timer of our own lists the longest stalls with the
// main thread's scheduler statistics over each (/proc/thread-self/schedstat): time on a CPU and
// time ready but waiting for one. On a machine that other work shares, the second says how much
// of a stall was the server's own doing (`ownMaxMs`: the stall less the wait for a CPU).
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/** Sampling interval (ms): a blocked loop shows as the delay of a timer this often. */
const RESOLUTION_MS = 5;

/** Stalls longer than this are listed. */
const STALL_MS = 20;

/** The main thread's time on a CPU and waiting for one, in ms (null where /proc has no such file). */
function schedstat() {
  try {
    const [onCpu, waiting] = readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ');
    return { onCpu: Number(onCpu) / 1e6, waiting: Number(waiting) / 1e6 };
  } catch {
    return null;
  }
}

/** Answers the coordinator's lag requests on this process's IPC channel. */
export function answerLagRequests() {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let stalls = [];
  let ownMaxMs = 0;
  let timer;
  process.on('message', (message) => {
    if (message === 'lag-start') {
      histogram.disable();
      histogram.reset();
      histogram.enable();
      clearInterval(timer);
      stalls = [];
      ownMaxMs = 0;
      const started = performance.now();
      let last = { at: started, sched: schedstat() };
      timer = setInterval(() => {
        const now = { at: performance.now(), sched: schedstat() };
        const ms = now.at - last.at - RESOLUTION_MS;
        const waitingMs = now.sched && last.sched ? now.sched.waiting - last.sched.waiting : 0;
        ownMaxMs = Math.max(ownMaxMs, ms - waitingMs);
        if (ms > STALL_MS) {
          stalls.push({
            atMs: Math.round(last.at - started),
            ms: Math.round(ms),
            onCpuMs:
              now.sched && last.sched ? Math.round(now.sched.onCpu - last.sched.onCpu) : null,
            waitingMs: Math.round(waitingMs),
          });
        }
        last = now;
      }, RESOLUTION_MS);
      process.send({ lagStarted: true });
    } else if (message === 'lag-stop') {
      histogram.disable();
      clearInterval(timer);
      // The histogram holds the time between two runs of its timer: the lag is what exceeds the
      // timer's interval.
      const ms = (ns) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
      // The histogram leaves out its first interval (a stall right after 'lag-start'); the timer
      // does not.
      const longest = stalls.reduce((most, stall) => Math.max(most, stall.ms), 0);
      process.send({
        lag: {
          p50Ms: ms(histogram.percentile(50)),
          p99Ms: ms(histogram.percentile(99)),
          maxMs: Math.max(ms(histogram.max), longest),
          meanMs: ms(histogram.mean),
          ownMaxMs: Math.max(0, ownMaxMs),
          samples: histogram.count,
          resolutionMs: RESOLUTION_MS,
          stalls: stalls.sort((a, b) => b.ms - a.ms).slice(0, 20),
        },
      });
    }
  });
}
