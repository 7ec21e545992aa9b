import { STATUS_CODES } from 'node:http';
import type { HelixFaultPlan } from './helix-fault-plan.js';
import type { HelixPointBuckets } from './helix-point-buckets.js';
import { TwitchHttpError, type HttpExchange } from './http-exchange.js';
import { TimerSet } from './timer-set.js';
import type { AccessTokenInfo, TokenStore } from './token-store.js';

/**
 * What every Helix request (`/mock/*` and `/eventsub/subscriptions`) goes through before its
 * route: it is counted, injected faults apply (delay, error status), the Bearer token and
 * `Client-Id` are checked (401), and a point is taken from the rate-limit bucket (429). Every
 * answer carries `Ratelimit-*` headers, as Helix's do — unless `rateLimitHeaders` is off: then, like
 * the Twitch CLI's mock server, no answer has them and nothing is rate-limited.
 */
export class HelixRequestGate {
  private readonly counts = new Map<string, number>();
  private readonly timers = new TimerSet();

  constructor(
    private readonly tokens: TokenStore,
    private readonly buckets: HelixPointBuckets,
    private readonly faults: HelixFaultPlan,
    /** Whether answers carry `Ratelimit-*` headers and the point buckets apply (Twitch: yes). */
    private readonly rateLimitHeaders = true,
  ) {}

  /** Lets the request through and returns its token, or throws the error Helix would answer. */
  async admit(exchange: HttpExchange, endpoint: string): Promise<AccessTokenInfo> {
    this.counts.set(endpoint, (this.counts.get(endpoint) ?? 0) + 1);
    if (this.rateLimitHeaders) {
      exchange.setHeaders(this.buckets.peek(`client:${exchange.header('client-id') ?? ''}`));
    }
    const fault = this.faults.take(endpoint);
    if (fault?.delayMs) await this.timers.sleep(fault.delayMs);
    if (fault?.status !== undefined) {
      const headers =
        fault.status === 429 && this.rateLimitHeaders
          ? this.buckets.exhaustedHeaders(fault.resetSeconds ?? 1)
          : {};
      throw new TwitchHttpError(fault.status, STATUS_CODES[fault.status] ?? 'Error', headers);
    }
    const token = this.authenticate(exchange);
    if (!this.rateLimitHeaders) return token;
    const { allowed, headers } = this.buckets.take(`${token.clientId}:${token.userId ?? 'app'}`);
    exchange.setHeaders(headers);
    if (!allowed) throw new TwitchHttpError(429, 'Too Many Requests', headers);
    return token;
  }

  /** Requests per endpoint since the start (or the last reset), rejected ones included. */
  requestCounts(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** Requests to one endpoint. */
  requestCount(endpoint: string): number {
    return this.counts.get(endpoint) ?? 0;
  }

  /** Starts counting from zero. */
  resetCounts(): void {
    this.counts.clear();
  }

  /** Ends every delayed answer at once (the server is stopping). */
  stop(): void {
    this.timers.clear();
  }

  private authenticate(exchange: HttpExchange): AccessTokenInfo {
    const authorization = exchange.header('authorization');
    if (!authorization) throw new TwitchHttpError(401, 'OAuth token is missing');
    const [scheme, token] = authorization.trim().split(/\s+/, 2);
    if (scheme.toLowerCase() !== 'bearer' || !token) {
      throw new TwitchHttpError(401, 'Invalid OAuth token');
    }
    const info = this.tokens.validate(token);
    if (!info) throw new TwitchHttpError(401, 'Invalid OAuth token');
    const clientId = exchange.header('client-id');
    if (!clientId) throw new TwitchHttpError(401, 'Client-Id header required');
    if (clientId !== info.clientId)
      throw new TwitchHttpError(401, 'Client ID and OAuth token do not match');
    return info;
  }
}
