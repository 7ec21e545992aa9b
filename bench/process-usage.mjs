// What a server process uses, read from /proc from the outside, so the service and the baseline are
// measured the same way and neither pays for measuring itself.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** CPU time of every thread of `pid`, in milliseconds (scheduler statistics: nanosecond precision). */
export function cpuMs(pid) {
  let total = 0;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    try {
      total += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0]);
    } catch {
      // A thread that ended between listing and reading.
    }
  }
  return total / 1e6;
}

/** Resident set size of `pid`, in bytes. */
export function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Highest resident set size `pid` reached so far, in bytes. */
export function peakRssBytes(pid) {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Open file descriptors of `pid` (sockets included). */
export function openFds(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** One reading of all of the above. */
export function usage(pid) {
  return { cpuMs: cpuMs(pid), rss: rssBytes(pid), peakRss: peakRssBytes(pid), fds: openFds(pid) };
}

/** Whether /proc can be read (Linux). */
export function procAvailable() {
  try {
    readFileSync('/proc/self/status');
    return true;
  } catch {
    return false;
  }
}

/**
 * Time the hypervisor took CPU `cpu` away from this machine (steal) and the kernel spent there on
 * interrupts, in milliseconds since boot: noise that no server can do anything about.
 */
export function cpuNoiseMs(cpu) {
  const line = readFileSync('/proc/stat', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`cpu${cpu} `));
  if (!line) return { stealMs: NaN, irqMs: NaN };
  // user nice system idle iowait irq softirq steal …, in USER_HZ (100 per second).
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  return { stealMs: fields[7] * 10, irqMs: (fields[5] + fields[6]) * 10 };
}

/**
 * How long the main thread of `pid` was ready to run but waited for a CPU, in ms (other work on
 * its core: on a shared machine, what makes a server late without being its doing).
 */
export function runQueueMs(pid) {
  return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e6;
}

/** The soft limit on open files of this process (what the servers it starts inherit). */
export function fdLimit() {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s+/)[3];
  return soft === 'unlimited' || soft === undefined ? Infinity : Number(soft);
}

/** Whether `taskset` is there to pin servers and load generators to cores. */
function hasTaskset() {
  try {
    execFileSync('taskset', ['-V'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * Gives the server processes the machine's last core to themselves, and this process (with what it
 * starts on `pins.clients`: clients, simulator, Redis) the others — when there are 2+ cores and
 * taskset. Unpinned, both pins are null.
 */
export function pinCores() {
  const cores = availableParallelism();
  const pinned = cores >= 2 && hasTaskset();
  const pins = pinned
    ? { server: String(cores - 1), clients: `0-${cores - 2}` }
    : { server: null, clients: null };
  if (pinned)
    execFileSync('taskset', ['-pc', pins.clients, String(process.pid)], { stdio: 'ignore' });
  return { cores, pinned, pins };
}
