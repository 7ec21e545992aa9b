import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from '../admin/client-address.js';
import { CORS_HEADERS } from './sse-connection.js';
import type { OpenFileLimit } from './open-file-limit.js';

/**
 * Descriptors kept out of reach of SSE streams under the open-file limit: the Twitch WebSocket and
 * Helix, Redis, the event log's files (database, WAL, shared memory), the listening socket, and the
 * health check, dashboard and widget pages that must still answer when the streams are full.
 */
export const RESERVED_DESCRIPTORS = 128;

/** Streams the service accepts when the open-file limit leaves almost nothing for them. */
const MIN_AUTO_STREAMS = 16;

/** Seconds a refused client is asked to wait before it tries again. */
const RETRY_AFTER_SECONDS = 30;

/** How many SSE streams may be open: in all, and from one client address. */
export interface StreamLimits {
  readonly total: number;
  readonly perAddress: number;
  /** Where `total` came from, for the start-up line. */
  readonly totalSource: string;
}

/**
 * The limits from the configuration: `SSE_MAX_STREAMS` as given, or (auto) the open-file limit less
 * `RESERVED_DESCRIPTORS`, so streams can never take the descriptors Twitch, the log and health need.
 */
export function streamLimits(
  configured: { maxStreams: number | null; maxStreamsPerAddress: number },
  files: OpenFileLimit,
): StreamLimits {
  const perAddress = configured.maxStreamsPerAddress;
  if (configured.maxStreams !== null) {
    return { total: configured.maxStreams, perAddress, totalSource: 'SSE_MAX_STREAMS' };
  }
  const total = Math.max(MIN_AUTO_STREAMS, files.files - RESERVED_DESCRIPTORS);
  const limit =
    files.source === 'proc'
      ? `open-file limit ${files.files}`
      : `open-file limit unknown, ${files.files} assumed`;
  return {
    total,
    perAddress,
    totalSource: `SSE_MAX_STREAMS=auto: ${limit} less ${RESERVED_DESCRIPTORS} kept for Twitch, the event log and health`,
  };
}

/** Why a stream was refused, as `StreamAdmission.admit` answered it. */
export type Refusal = 'address-full' | 'service-full';

/** The operator's warning for the first refusal of an episode: what was refused, and what to raise. */
export function refusalWarning(refusal: Refusal, address: string, limits: StreamLimits): string {
  const { total, perAddress } = limits;
  return refusal === 'service-full'
    ? `Refusing new SSE streams (503): ${total} are open, the most allowed (SSE_MAX_STREAMS, kept below the open-file limit). Raise the limit (ulimit -n) or SSE_MAX_STREAMS if these clients are wanted.`
    : `Refusing new SSE streams from ${address} (429): it holds ${perAddress}, the most one address may (SSE_MAX_STREAMS_PER_ADDRESS). Raise SSE_MAX_STREAMS_PER_ADDRESS if many clients share that address (a proxy: set TRUST_PROXY=true).`;
}

/**
 * Counts the open SSE streams, in all and per client address (`clientAddress`: the connection's,
 * or with TRUST_PROXY the address the proxy reports), and refuses one more beyond the limits: 429
 * when the client's address holds `perAddress` streams (one client cannot take every descriptor),
 * 503 when the service holds `total` (the descriptors left stay free for Twitch and health). Each
 * refusal is a short text that says what to do, with `Retry-After` and `Connection: close`, so a
 * refused client holds no descriptor.
 */
export class StreamAdmission {
  private open = 0;
  private readonly byAddress = new Map<string, number>();
  /** Refusals already told (`onRefusal`) whose count has not been below its limit since. */
  private readonly told = new Set<string>();

  /** Refusals since the service started. */
  refused = 0;

  constructor(
    readonly limits: StreamLimits,
    private readonly trustProxy: boolean,
    /** Told the first refusal of each kind (and each address) since the count was last below it. */
    private readonly onRefusal: (refusal: Refusal, address: string) => void = () => {},
  ) {}

  /** Streams open now. */
  get openCount(): number {
    return this.open;
  }

  /**
   * Counts the stream of `request` until `response` closes, and returns true; or answers the
   * refusal on `response` and returns false.
   */
  admit(request: IncomingMessage, response: ServerResponse): boolean {
    const address = clientAddress(request, this.trustProxy);
    const held = this.byAddress.get(address) ?? 0;
    if (held >= this.limits.perAddress) {
      this.refuse(response, 429, 'address-full', address, this.addressFullText(address));
      return false;
    }
    if (this.open >= this.limits.total) {
      this.refuse(response, 503, 'service-full', address, this.serviceFullText());
      return false;
    }
    this.open++;
    this.byAddress.set(address, held + 1);
    response.once('close', () => this.release(address));
    return true;
  }

  private release(address: string): void {
    this.open--;
    const held = (this.byAddress.get(address) ?? 1) - 1;
    if (held === 0) this.byAddress.delete(address);
    else this.byAddress.set(address, held);
  }

  private refuse(
    response: ServerResponse,
    status: 429 | 503,
    refusal: Refusal,
    address: string,
    text: string,
  ): void {
    this.refused++;
    response.writeHead(status, {
      ...CORS_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Retry-After': String(RETRY_AFTER_SECONDS),
      Connection: 'close',
    });
    response.end(`${text}\n`);
    this.tellOnce(refusal, address);
  }

  /** Tells `onRefusal` once per episode: again only after the count went below the limit. */
  private tellOnce(refusal: Refusal, address: string): void {
    for (const key of this.told) {
      const [kind, held] = key.split('|', 2) as [Refusal, string];
      const below =
        kind === 'service-full'
          ? this.open < this.limits.total
          : (this.byAddress.get(held) ?? 0) < this.limits.perAddress;
      if (below) this.told.delete(key);
    }
    const key = refusal === 'service-full' ? 'service-full|' : `address-full|${address}`;
    if (this.told.has(key)) return;
    this.told.add(key);
    this.onRefusal(refusal, address);
  }

  private addressFullText(address: string): string {
    return `Too many open streams from ${address}: ${this.limits.perAddress} is the most one address may hold (SSE_MAX_STREAMS_PER_ADDRESS). Close the streams you no longer use (browser tabs, widgets or OBS sources left open) and try again, or raise SSE_MAX_STREAMS_PER_ADDRESS on the server.`;
  }

  private serviceFullText(): string {
    return `The server holds as many streams as it allows (${this.limits.total}, SSE_MAX_STREAMS), so that Twitch, the event log and the health check keep the descriptors they need. Try again in ${RETRY_AFTER_SECONDS} seconds; the operator can raise the open-file limit (ulimit -n) or SSE_MAX_STREAMS.`;
  }
}
