import type { StreamSpan, ViewerSample } from '../streams/stream-span.js';
import type { StreamStore } from '../streams/stream-store.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';

/** How long a write that failed (Redis away) waits before it is tried again. */
const RETRY_MS = 250;

/**
 * Writes streams and viewer samples, fenced like the log's writes: only the holder of the leader
 * lease (`FENCED` when another holds it, `LAPSED` when nobody does: tried again). KEYS: lease,
 * streams hash, then one viewer list per sample. ARGV: lease, number of streams, (id, json) per
 * stream, then one `<at> <viewers>` per sample.
 */
const WRITE = `
local holder = redis.call('GET', KEYS[1])
if not holder then return redis.error_reply('LAPSED') end
if holder ~= ARGV[1] then return redis.error_reply('FENCED') end
local spans = tonumber(ARGV[2])
for i = 0, spans - 1 do
  redis.call('HSET', KEYS[2], ARGV[3 + i * 2], ARGV[4 + i * 2])
end
local first = 3 + spans * 2
for i = first, #ARGV do
  redis.call('RPUSH', KEYS[3 + i - first], ARGV[i])
end
return 1`;

/**
 * The streams in Redis, shared by the instances: the leader's ledger keeps them here (a hash of
 * spans, a list of viewer samples per stream), every instance lists and reads them from here. The
 * leader's writes go in the background, in order, fenced by its lease, and are tried again while
 * Redis is away; the copy it goes on from is read when it takes the lead, so that a stream live
 * under the last leader stays the current one (the same id) under the next.
 */
export class RedisStreamStore implements StreamStore {
  private copy: StreamSpan[] = [];
  private lease: string | null = null;
  /** Spans to write, by id (only the newest of each matters). */
  private readonly dueSpans = new Map<number, string>();
  private dueSamples: ViewerSample[] = [];
  private writing: Promise<void> | null = null;
  private retry: { timer: NodeJS.Timeout; done: () => void } | undefined;
  /** Whether the failure to write was said already (once per outage). */
  private warned = false;

  constructor(
    private readonly redis: RedisConnections,
    private readonly keys: RedisKeys,
    private readonly log: (message: string) => void,
  ) {}

  /** Takes the streams as kept in Redis: what `load` answers. */
  async pull(): Promise<void> {
    this.copy = await this.sharedSpans();
  }

  /** Writes from now on under `lease`, going on from the streams the last leader kept. */
  async lead(lease: string): Promise<void> {
    await this.pull();
    this.lease = lease;
  }

  /**
   * Writes under a lease taken back after it lapsed (Redis lost its data: it restarted empty).
   * What waits is still due, and every stream this leader keeps goes back (the viewer series
   * before it are lost with Redis's data).
   */
  relead(lease: string): void {
    this.lease = lease;
    for (const span of this.copy) {
      if (!this.dueSpans.has(span.id)) this.dueSpans.set(span.id, JSON.stringify(span));
    }
    this.writeSoon();
  }

  /** Stops writing; what was not written yet is dropped (the next leader goes on from Redis). */
  stepDown(): void {
    this.lease = null;
    this.dueSpans.clear();
    this.dueSamples = [];
    this.stopWaiting();
  }

  load(): StreamSpan[] {
    return this.copy.map(copyOf);
  }

  save(span: StreamSpan): void {
    const at = this.copy.findIndex((kept) => kept.id === span.id);
    if (at >= 0) this.copy[at] = copyOf(span);
    else this.copy.push(copyOf(span));
    if (this.lease === null) return;
    this.dueSpans.set(span.id, JSON.stringify(span));
    this.writeSoon();
  }

  addViewers(sample: ViewerSample): void {
    if (this.lease === null) return;
    this.dueSamples.push(sample);
    this.writeSoon();
  }

  async viewers(streamId: number): Promise<ViewerSample[]> {
    const kept = await this.redis.command.lrange(this.keys.streamViewers(streamId), 0, -1);
    return kept.map((entry) => {
      const [at, viewers] = entry.split(' ').map(Number);
      return { streamId, at: at!, viewers: viewers! };
    });
  }

  async sharedSpans(): Promise<StreamSpan[]> {
    const kept = await this.redis.command.hgetall(this.keys.streams);
    const spans: StreamSpan[] = [];
    for (const json of Object.values(kept)) {
      try {
        spans.push(JSON.parse(json) as StreamSpan);
      } catch {
        // Not one this service wrote: left out.
      }
    }
    return spans.sort((a, b) => a.id - b.id);
  }

  /** Resolves when what was due so far is written (or after `timeoutMs`); false if it was not. */
  async written(timeoutMs = 3_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    while (this.writing || (this.lease !== null && this.due)) {
      if (Date.now() >= until) return false;
      await (this.writing ?? new Promise((resolve) => setTimeout(resolve, 20)));
    }
    return true;
  }

  close(): void {
    this.stepDown();
  }

  private get due(): boolean {
    return this.dueSpans.size > 0 || this.dueSamples.length > 0;
  }

  private writeSoon(): void {
    if (this.writing || this.lease === null || !this.due) return;
    this.writing = this.write().finally(() => {
      this.writing = null;
      this.writeSoon();
    });
  }

  /** Writes what is due in one fenced script; on a failure, keeps it to try again. */
  private async write(): Promise<void> {
    const lease = this.lease!;
    const spans = [...this.dueSpans];
    const samples = this.dueSamples;
    this.dueSpans.clear();
    this.dueSamples = [];
    const keys = [
      this.keys.leader,
      this.keys.streams,
      ...samples.map(({ streamId }) => this.keys.streamViewers(streamId)),
    ];
    const args = [
      lease,
      spans.length,
      ...spans.flat(),
      ...samples.map(({ at, viewers }) => `${at} ${viewers}`),
    ];
    try {
      await this.redis.command.eval(WRITE, keys.length, ...keys, ...args);
      if (this.warned) this.log('Keeping the streams in Redis again.');
      this.warned = false;
    } catch (error) {
      const text = (error as Error).message;
      if (/\bFENCED\b/.test(text) || this.lease !== lease) {
        // Another instance leads: it goes on from what Redis has.
        if (this.lease === lease) this.stepDown();
        return;
      }
      // Redis away (or the lease lapsed for a moment): put back, before anything newer.
      for (const [id, json] of spans) if (!this.dueSpans.has(id)) this.dueSpans.set(id, json);
      this.dueSamples = [...samples, ...this.dueSamples];
      if (!/\bLAPSED\b/.test(text) && !this.warned) {
        this.warned = true;
        this.log(`Could not keep the streams in Redis (${text}); trying again until it answers.`);
      }
      await new Promise<void>((done) => {
        const timer = setTimeout(() => this.stopWaiting(), RETRY_MS);
        timer.unref();
        this.retry = { timer, done };
      });
    }
  }

  private stopWaiting(): void {
    if (!this.retry) return;
    clearTimeout(this.retry.timer);
    const { done } = this.retry;
    this.retry = undefined;
    done();
  }
}

function copyOf(span: StreamSpan): StreamSpan {
  return { ...span, viewers: { ...span.viewers } };
}
