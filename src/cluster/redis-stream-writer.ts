import { Subject, type Observable } from 'rxjs';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';
import type { RedisWriteTiming } from './redis-write-timing.js';

/** At most this many messages go to Redis in one write. */
export const WRITE_BATCH = 500;
/** How long a write that failed (Redis away) waits before it is tried again. */
export const WRITE_RETRY_MS = 250;

/**
 * Writes a batch of messages to the streams, fenced: only the holder of the leader lease may write
 * (`FENCED` when another holds it; `LAPSED` when nobody does — the leader retakes it at its next
 * renewal, as after Redis restarted empty, and the write is tried again),
 * and only ids above both streams' newest (`BEHIND <newest>` otherwise, so the leader renumbers
 * what it holds back — nobody has seen those ids yet). Ids at or below the newest that the streams
 * hold with the same message are this leader's own earlier write, whose answer was lost with the
 * connection: those are skipped, not renumbered (that would publish them twice). Chat (`k` = `c`)
 * goes to the chat stream, capped at its own length, everything else to the log's; a state message
 * also replaces its key's entry in the states hash. KEYS: lease, log, states, chat. ARGV: lease, max length, time, chat's
 * max length, then (id, kind, json) per message.
 */
const WRITE = `
local holder = redis.call('GET', KEYS[1])
if not holder then return redis.error_reply('LAPSED') end
if holder ~= ARGV[1] then return redis.error_reply('FENCED') end
local newest = nil
for _, stream in ipairs({KEYS[2], KEYS[4]}) do
  local top = redis.call('XREVRANGE', stream, '+', '-', 'COUNT', 1)[1]
  if top then
    -- (the id as text: Lua prints a number this big in exponent form)
    local id = string.match(top[1], '^(%d+)')
    if not newest or tonumber(id) > tonumber(newest) then newest = id end
  end
end
local first = 5
if newest then
  while first <= #ARGV and tonumber(ARGV[first]) <= tonumber(newest) do
    local stream = KEYS[2]
    if ARGV[first + 1] == 'c' then stream = KEYS[4] end
    local kept = redis.call('XRANGE', stream, ARGV[first] .. '-0', ARGV[first] .. '-0')[1]
    -- (the entry's fields: k, kind, t, time, m, json)
    if not kept or kept[2][6] ~= ARGV[first + 2] then return redis.error_reply('BEHIND ' .. newest) end
    first = first + 3
  end
end
for i = first, #ARGV, 3 do
  if ARGV[i + 1] == 'c' then
    redis.call('XADD', KEYS[4], 'MAXLEN', '~', ARGV[4], ARGV[i] .. '-0', 'k', 'c', 't', ARGV[3], 'm', ARGV[i + 2])
  else
    redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], ARGV[i] .. '-0', 'k', ARGV[i + 1], 't', ARGV[3], 'm', ARGV[i + 2])
    if string.sub(ARGV[i + 1], 1, 2) == 's:' then
      redis.call('HSET', KEYS[3], string.sub(ARGV[i + 1], 3), ARGV[i] .. ' ' .. ARGV[i + 2])
    end
  end
end
return 1`;

/** A message the leader has given an id, waiting to be written. */
export interface PendingWrite {
  id: number;
  /** How it is kept, as the stream's `k` field (`kindOf`). */
  readonly kind: string;
  readonly json: string;
  readonly receivedAt?: number;
  /** When `append` took it (performance.now()): the start of the Redis hop. */
  readonly appendedAt: number;
  /**
   * Put back after Redis lost its data: every instance has delivered it already, so it keeps its
   * id or is dropped, never renumbered (that would deliver it twice).
   */
  readonly restored?: boolean;
}

export interface RedisStreamWriterOptions {
  readonly keys: RedisKeys;
  /** How many entries the log's stream keeps, about (EVENT_LOG_MAX_EVENTS). */
  readonly maxEntries: number;
  /** How many entries the chat stream keeps, about (EVENT_LOG_CHAT_MAX_MESSAGES). */
  readonly chatMaxEntries: number;
  readonly log: (level: 'warn' | 'log', message: string) => void;
  /**
   * The events and states this instance keeps that Redis no longer has (it restarted empty),
   * oldest first: they go back before anything new.
   */
  readonly lostHistory: () => Promise<PendingWrite[]>;
  readonly timing: RedisWriteTiming;
  /** Milliseconds since the epoch, written with each entry (`t`): what pruning by age reads. */
  readonly now?: () => number;
}

/**
 * The leader's side of the shared log: gives each message its id and writes what it was given to
 * the stream, in order, a batch at a time, fenced by its lease. While Redis is away it keeps what
 * waits and tries again; when another leader wrote meanwhile it renumbers what nobody has seen;
 * when another instance holds the lease it stops and says so (`fenced$`).
 */
export class RedisStreamWriter {
  /** The lease this instance writes under, while it leads. */
  private lease: string | null = null;
  /** The last id given out. */
  private assignedId = 0;
  private pending: PendingWrite[] = [];
  /** Whether Redis may have lost the log (the lease lapsed): checked before the next write. */
  private historyCheckDue = false;
  private writing = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly fencedSubject = new Subject<void>();
  private readonly now: () => number;

  /** Fires when Redis refused a write because another instance holds the lease. */
  readonly fenced$: Observable<void> = this.fencedSubject.asObservable();

  constructor(
    private readonly redis: RedisConnections,
    private readonly options: RedisStreamWriterOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Whether this instance gives out ids now (it leads). */
  get leading(): boolean {
    return this.lease !== null;
  }

  /** Gives `entry` the next id and queues it for Redis; returns the id. */
  append(entry: Omit<PendingWrite, 'id'>): number {
    const id = ++this.assignedId;
    this.pending.push({ id, ...entry });
    this.scheduleWrite(0);
    return id;
  }

  /**
   * Starts giving out ids under `lease`, after `newest` (what the stream and this instance's copy
   * hold); what Redis may have lost while nobody led goes back first.
   */
  lead(lease: string, newest: number): void {
    this.assignedId = Math.max(this.assignedId, newest);
    this.pending = [];
    this.lease = lease;
    // A Redis that restarted empty while nobody led: what this instance kept goes back.
    this.historyCheckDue = true;
    this.scheduleWrite(0);
  }

  /** Writes on under a lease taken back after it lapsed; lost history goes back first. */
  relead(lease: string): void {
    this.lease = lease;
    this.historyCheckDue = true;
    this.scheduleWrite(0);
  }

  /** Stops giving out ids and drops what was not written yet; returns how many were dropped. */
  stepDown(): number {
    const dropped = this.pending.length;
    this.lease = null;
    this.pending = [];
    this.historyCheckDue = false;
    this.options.timing.clear();
    clearTimeout(this.retryTimer);
    return dropped;
  }

  /** Resolves when every message appended so far is in Redis (or after `timeoutMs`). */
  async flushed(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while ((this.pending.length > 0 || this.writing) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return this.pending.length === 0 && !this.writing;
  }

  /** Writes nothing more. */
  close(): void {
    this.closed = true;
    clearTimeout(this.retryTimer);
  }

  private scheduleWrite(delayMs: number): void {
    if (this.writing || this.closed) return;
    clearTimeout(this.retryTimer);
    if (delayMs === 0) {
      this.writing = true;
      queueMicrotask(() => void this.write());
    } else {
      this.retryTimer = setTimeout(() => this.scheduleWrite(0), delayMs);
    }
  }

  /** Writes what is pending, a batch at a time, in order; on trouble, keeps it and tries again. */
  private async write(): Promise<void> {
    while (
      (this.pending.length > 0 || this.historyCheckDue) &&
      this.lease !== null &&
      !this.closed
    ) {
      if (this.historyCheckDue) {
        // Before anything else goes: the history has to be back in front of it.
        try {
          await this.putBackLostHistory();
          this.historyCheckDue = false;
        } catch {
          this.writing = false;
          this.scheduleWrite(WRITE_RETRY_MS); // Redis away again
          return;
        }
        continue;
      }
      const batch = this.pending.slice(0, WRITE_BATCH);
      const lease = this.lease;
      const { maxEntries, chatMaxEntries } = this.options;
      const args: (string | number)[] = [lease, maxEntries, this.now(), chatMaxEntries];
      for (const entry of batch) {
        args.push(entry.id, entry.kind, entry.json);
        if (entry.restored) continue; // delivered before: nothing times it or reads it back
        // Before the write: its entries can be read back before its own answer arrives.
        this.options.timing.sent(entry.id, entry.appendedAt, entry.receivedAt);
      }
      try {
        const { keys } = this.options;
        await this.redis.command.eval(
          WRITE,
          4,
          keys.leader,
          keys.log,
          keys.states,
          keys.chatLog,
          ...args,
        );
      } catch (error) {
        const text = (error as Error).message;
        // (Redis may put "ERR " before a script's error.)
        const behind = /\bBEHIND (\d+)/.exec(text);
        const fenced = /\bFENCED\b/.test(text);
        // Refused: those ids are (or will be) another leader's entries, not this write's.
        if (behind || fenced) for (const entry of batch) this.options.timing.refused(entry.id);
        if (behind) {
          this.renumberAfter(Number(behind[1]));
          continue;
        }
        this.writing = false;
        if (fenced) {
          if (this.lease === lease) this.fencedSubject.next();
        } else this.scheduleWrite(WRITE_RETRY_MS); // Redis away: try again, in order
        return;
      }
      // (A step-down during the write emptied the queue: nothing to take off it then.)
      if (this.pending[0] === batch[0]) this.pending.splice(0, batch.length);
    }
    this.writing = false;
  }

  /** Puts the kept events and states that Redis no longer has in front of what waits to be written. */
  private async putBackLostHistory(): Promise<void> {
    const restored = await this.options.lostHistory();
    if (restored.length === 0 || this.lease === null) return;
    this.pending.unshift(...restored);
    this.options.log(
      'warn',
      `Redis had lost the shared event log (it restarted empty): writing back the ${restored.length} events and states this instance keeps (${restored[0]!.id}…${restored.at(-1)!.id}).`,
    );
  }

  /** Another leader wrote up to `newest` since these ids were given out: they follow it instead. */
  private renumberAfter(newest: number): void {
    // What was put back had been delivered under its id: it goes no further rather than twice.
    this.pending = this.pending.filter((entry) => !entry.restored);
    let id = newest;
    for (const entry of this.pending) entry.id = ++id;
    this.assignedId = id;
    this.options.log(
      'warn',
      `The shared event log moved on to ${newest} while this instance held messages back; they go out as ${newest + 1}…${id}.`,
    );
  }
}
