// One load-generator process: holds SSE clients over raw TCP sockets and timestamps what they
// receive. The coordinator (run.mjs) drives it over IPC; several run at once, pinned away from the
// server's core, so the server never shares its CPU with its clients.
//
// Each benchmark event carries `bench:<seq>:<publish time in µs>` in its payload, taken from the
// system-wide monotonic clock (process.hrtime) by the process that triggered it, so publish and
// receipt are compared on one clock without any synchronisation.
import net from 'node:net';

const MARKER = Buffer.from('bench:');
const HEADER_END = Buffer.from('\r\n\r\n');
/** Long enough to hold a marker cut in two by a TCP read (`bench:` + two numbers). */
const CARRY_BYTES = 48;

/** Microseconds on the system-wide monotonic clock (the same clock in every process). */
const nowUs = () => Number(process.hrtime.bigint() / 1000n);

/**
 * Latency samples (µs), one per client per event, and per event: receipts and the slowest. The
 * samples of the events being watched (`watch`: the alerts among a chat run's messages) are kept
 * apart.
 */
class Samples {
  values = new Float64Array(1 << 16);
  count = 0;
  events = new Map();
  watched = new Set();
  watchedValues = [];

  add(seq, latencyUs) {
    if (this.watched.has(seq)) this.watchedValues.push(latencyUs);
    else {
      if (this.count === this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
      this.values[this.count++] = latencyUs;
    }
    const event = this.events.get(seq);
    if (event) {
      event.count++;
      if (latencyUs > event.maxUs) event.maxUs = latencyUs;
    } else this.events.set(seq, { count: 1, maxUs: latencyUs });
  }

  take() {
    const result = {
      latenciesUs: this.values.slice(0, this.count),
      events: [...this.events],
      watchedUs: this.watchedValues,
    };
    this.count = 0;
    this.events = new Map();
    this.watchedValues = [];
    return result;
  }
}

const samples = new Samples();
/** Open benchmark clients (not the stalled, resuming or churning ones). */
const clients = new Set();
const stalled = new Set();
/** Clients of a reconnect storm: they resumed with Last-Event-ID and check what they get. */
const resumed = new Set();
let closedUnexpectedly = 0;

function requestText(target) {
  return (
    `GET ${target.path} HTTP/1.1\r\nHost: ${target.host}:${target.port}\r\n` +
    'Accept: text/event-stream\r\nCache-Control: no-cache\r\n' +
    (target.lastEventId === undefined ? '' : `Last-Event-ID: ${target.lastEventId}\r\n`) +
    '\r\n'
  );
}

/**
 * Opens one SSE client. `onBody(chunk, at)` gets the body bytes (after the response headers) with
 * the receipt time; resolves once the headers arrived with status 200.
 */
function openClient(target, onBody, state = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({
      host: target.host,
      port: target.port,
      localAddress: target.localAddress,
      noDelay: true,
    });
    socket.benchState = { lastSeq: 0, carry: null, ...state };
    let head = null;
    let settled = false;
    socket.once('connect', () => socket.write(requestText(target)));
    socket.on('data', (chunk) => {
      const at = nowUs();
      if (settled) return onBody(socket, chunk, at);
      head = head ? Buffer.concat([head, chunk]) : chunk;
      const end = head.indexOf(HEADER_END);
      if (end === -1) return;
      settled = true;
      if (!head.subarray(0, 16).toString('latin1').includes(' 200 ')) {
        socket.destroy();
        return reject(new Error(`status line: ${head.subarray(0, 40).toString('latin1')}`));
      }
      resolve(socket);
      const rest = head.subarray(end + HEADER_END.length);
      head = null;
      if (rest.length > 0) onBody(socket, rest, at);
    });
    socket.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
  });
}

/** Finds every `bench:<seq>:<µs>` in what a client received and records its latency once. */
function recordEvents(socket, chunk, at) {
  const state = socket.benchState;
  const buffer = state.carry ? Buffer.concat([state.carry, chunk]) : chunk;
  let index = buffer.indexOf(MARKER);
  let keepFrom = Math.max(0, buffer.length - CARRY_BYTES);
  while (index !== -1) {
    let position = index + MARKER.length;
    let seq = 0;
    let publishedUs = 0;
    let code;
    while (position < buffer.length && (code = buffer[position]) >= 48 && code <= 57) {
      seq = seq * 10 + (code - 48);
      position++;
    }
    if (position + 1 >= buffer.length) {
      keepFrom = Math.min(keepFrom, index);
      break;
    }
    position++; // the colon
    while (position < buffer.length && (code = buffer[position]) >= 48 && code <= 57) {
      publishedUs = publishedUs * 10 + (code - 48);
      position++;
    }
    if (position >= buffer.length) {
      keepFrom = Math.min(keepFrom, index);
      break;
    }
    // Sequence numbers only grow, so a marker seen again in the carried bytes is skipped.
    if (seq > state.lastSeq) {
      state.lastSeq = seq;
      samples.add(seq, at - publishedUs);
    }
    index = buffer.indexOf(MARKER, position);
  }
  state.carry = Buffer.from(buffer.subarray(keepFrom));
}

/** Runs `task` for `count` items with at most `concurrency` at a time; counts failures. */
async function pooled(count, concurrency, task) {
  let next = 0;
  let failed = 0;
  let lastError = '';
  const worker = async () => {
    while (next < count) {
      const item = next++;
      try {
        await task(item);
      } catch (error) {
        failed++;
        lastError = error.message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { failed, lastError };
}

/**
 * Finds every complete `bench:<seq>:<µs>` in what a resuming client received, each exactly once
 * (only the bytes of a marker cut in two are carried to the next read), and checks that the
 * sequence numbers follow each other: the replay from the first missed event on, then the live
 * events, none missing, repeated or out of order.
 */
function checkSequence(socket, chunk, at) {
  const state = socket.benchState;
  const buffer = state.carry ? Buffer.concat([state.carry, chunk]) : chunk;
  let index = buffer.indexOf(MARKER);
  let keepFrom = Math.max(0, buffer.length - (MARKER.length - 1));
  while (index !== -1) {
    let position = index + MARKER.length;
    let seq = 0;
    let code;
    let digits = 0;
    while (position < buffer.length && (code = buffer[position]) >= 48 && code <= 57) {
      seq = seq * 10 + (code - 48);
      position++;
      digits++;
    }
    // The marker ends with `:<µs>` and a character that is not a digit.
    if (position >= buffer.length) {
      keepFrom = index;
      break;
    }
    position++;
    while (position < buffer.length && (code = buffer[position]) >= 48 && code <= 57) position++;
    if (position >= buffer.length) {
      keepFrom = index;
      break;
    }
    if (digits > 0) {
      if (seq !== state.expected) {
        state.errors++;
        state.firstError ??= `expected ${state.expected}, got ${seq}`;
      }
      state.expected = seq + 1;
      state.lastSeq = seq;
      if (seq === state.lastReplaySeq) state.replayedUs = at;
    }
    keepFrom = Math.max(keepFrom, position);
    index = buffer.indexOf(MARKER, position);
  }
  state.carry = keepFrom < buffer.length ? Buffer.from(buffer.subarray(keepFrom)) : null;
}

const commands = {
  /** Opens `count` clients that read everything and record benchmark events. */
  async connect({ target, count, concurrency = 200 }) {
    const startedUs = nowUs();
    const { failed, lastError } = await pooled(count, concurrency, async () => {
      const socket = await openClient(target, recordEvents);
      clients.add(socket);
      socket.once('close', () => {
        if (clients.delete(socket)) closedUnexpectedly++;
      });
    });
    return { connected: clients.size, failed, lastError, ms: (nowUs() - startedUs) / 1000 };
  },

  /**
   * Opens `count` clients that resume with `Last-Event-ID: lastEventId` (all at once, up to
   * `concurrency` connecting at a time), each expecting the events from `firstSeq` on in order;
   * `lastReplaySeq` is the last event they missed (the end of their replay).
   */
  async resume({ target, count, lastEventId, firstSeq, lastReplaySeq, concurrency = 500 }) {
    const startedUs = nowUs();
    const { failed, lastError } = await pooled(count, concurrency, async () => {
      const connectUs = nowUs();
      const socket = await openClient({ ...target, lastEventId }, checkSequence, {
        expected: firstSeq,
        lastReplaySeq,
        errors: 0,
        firstError: null,
        connectUs,
        replayedUs: null,
      });
      resumed.add(socket);
      socket.once('close', () => {
        if (resumed.delete(socket)) closedUnexpectedly++;
      });
    });
    return { connected: resumed.size, failed, lastError, ms: (nowUs() - startedUs) / 1000 };
  },

  /**
   * How the resuming clients are doing: how many have their whole replay, how many reached event
   * `seq`, how many saw a sequence error; with `details`, each one's replay time (connect → last
   * missed event) in ms.
   */
  resumeProgress({ seq, details = false }) {
    let replayed = 0;
    let reached = 0;
    let withErrors = 0;
    let firstError = null;
    const replayMs = [];
    for (const socket of resumed) {
      const state = socket.benchState;
      if (state.replayedUs !== null) {
        replayed++;
        if (details) replayMs.push((state.replayedUs - state.connectUs) / 1000);
      }
      if (state.lastSeq >= seq) reached++;
      if (state.errors > 0) {
        withErrors++;
        firstError ??= state.firstError;
      }
    }
    return { open: resumed.size, replayed, reached, withErrors, firstError, replayMs };
  },

  /** Keeps the samples of the events `seqs` apart from the others (`watchedUs` of `take`). */
  watch({ seqs }) {
    for (const seq of seqs) samples.watched.add(seq);
    return { watching: samples.watched.size };
  },

  /** Latency samples since the last `take` (and forgets them). */
  take() {
    return { ...samples.take(), open: clients.size, closedUnexpectedly };
  },

  /** How many open clients have received the event with sequence number `seq`. */
  progress({ seq }) {
    let reached = 0;
    for (const socket of clients) if (socket.benchState.lastSeq >= seq) reached++;
    return { reached, open: clients.size };
  },

  /** Closes every client. */
  async closeAll() {
    const closing = [...clients, ...stalled, ...resumed].map(
      (socket) => new Promise((resolve) => socket.once('close', resolve).destroy()),
    );
    clients.clear();
    stalled.clear();
    resumed.clear();
    await Promise.all(closing);
    return { open: 0 };
  },

  /** Opens `count` clients (default 1) that read their response headers and then never again. */
  async stall({ target, count = 1 }) {
    await pooled(count, 200, async () => {
      const socket = await openClient(target, () => {});
      socket.pause();
      stalled.add(socket);
    });
    return { stalled: stalled.size };
  },

  /** Connects, reads the first frame and disconnects, `cycles` times, `concurrency` at a time. */
  async churn({ target, cycles, concurrency = 50 }) {
    const startedUs = nowUs();
    const { failed, lastError } = await pooled(cycles, concurrency, async () => {
      let gotFrame;
      const firstFrame = new Promise((resolve) => (gotFrame = resolve));
      const socket = await openClient(target, (_socket, chunk) => {
        if (chunk.includes('\n\n')) gotFrame();
      });
      await firstFrame;
      await new Promise((resolve) => socket.once('close', resolve).destroy());
    });
    return { cycles, failed, lastError, ms: (nowUs() - startedUs) / 1000 };
  },
};

process.on('message', async ({ id, command, args }) => {
  try {
    const result = await commands[command](args ?? {});
    process.send({ id, ok: true, result });
  } catch (error) {
    process.send({ id, ok: false, error: error.stack ?? String(error) });
  }
});
process.on('disconnect', () => process.exit(0));
