import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { AuthRoutes, type AuthorizeDecision } from './auth-routes.js';
import { ChannelDirectory } from './channel-directory.js';
import { ChannelEventSource } from './channel-event-source.js';
import { ControlRoutes, type ControlledSimulator } from './control-routes.js';
import { DeviceAuthorizations } from './device-authorizations.js';
import type { SimulatedEventType } from './event-types.js';
import { EventSubRoutes, TWITCH_EVENTSUB_LIMITS, type EventSubLimits } from './eventsub-routes.js';
import { EventSubOutage, type OutageStatus } from './eventsub-outage.js';
import { EventSubSocketServer, type SessionSummary } from './eventsub-socket-server.js';
import { isSendableCloseCode } from './eventsub-session.js';
import { HelixFaultPlan, type HelixFault } from './helix-fault-plan.js';
import { HelixPointBuckets } from './helix-point-buckets.js';
import { HelixRequestGate } from './helix-request-gate.js';
import { HelixRoutes } from './helix-routes.js';
import { HttpExchange, TwitchHttpError } from './http-exchange.js';
import { LoopbackServer } from './loopback-server.js';
import {
  BROADCASTER_SCOPES,
  DEFAULT_BROADCASTER,
  DEFAULT_CLIENT_ID,
} from './simulator-constants.js';
import { describeSubscription, SubscriptionRegistry } from './subscription-registry.js';
import type {
  ChannelSnapshot,
  MintedUserToken,
  SimulatedTrigger,
  TriggerResult,
} from './simulator-types.js';
import { TokenStore } from './token-store.js';
import { SimulatorInputError, UserDirectory, type SimulatedUser } from './user-directory.js';

/** How the simulator behaves; every field has Twitch's value (or a sensible one) by default. */
export interface TwitchSimulatorOptions {
  /** Client ids accepted besides `DEFAULT_CLIENT_ID`. */
  readonly clientIds?: readonly string[];
  /** The only client secret accepted; by default any secret is. */
  readonly clientSecret?: string;
  /** `keepalive_timeout_seconds` when the client asks for none (Twitch: 10). May be lower, even fractional, for fast tests. */
  readonly keepaliveSeconds?: number;
  /** Time to connect to a `reconnect_url` before the old socket closes with 4004 (Twitch: 30 000). */
  readonly reconnectGraceMs?: number;
  /** How long a replaced socket stays open after its successor's welcome, unless the client closes it (default 1 000). */
  readonly reconnectOverlapMs?: number;
  /** How long a connection that vanished without a close frame still looks connected (default 10 000). */
  readonly dropNoticeMs?: number;
  /** Interval of WebSocket pings; an unanswered ping closes with 4002 (default 10 000; 0: no pings). */
  readonly pingIntervalMs?: number;
  /** `expires_in` of new access tokens (default 14 400 s, about Twitch's four hours). */
  readonly accessTokenSeconds?: number;
  /** `expires_in` of device codes (Twitch: 1 800 s). */
  readonly deviceCodeSeconds?: number;
  /** `interval` of device codes: the least time between polls (Twitch: 5 s). */
  readonly deviceCodeIntervalSeconds?: number;
  /** Helix points per minute per client id + user (Twitch: 800). */
  readonly helixPointsPerMinute?: number;
  /** EventSub subscription limits (Twitch's by default). */
  readonly limits?: Partial<EventSubLimits>;
  /**
   * Whether user tokens come with a refresh token (default true, as Twitch's). False mints them
   * alone, like the Twitch CLI's mock server (`/auth/authorize?grant_type=user_token`) and implicit
   * grant: `mintUserToken` then gives an empty `refreshToken`.
   */
  readonly refreshTokens?: boolean;
  /**
   * Whether Helix and `/eventsub/subscriptions` answers carry `Ratelimit-*` headers (default true,
   * as Twitch's). False leaves them out, like the Twitch CLI's mock API, and rate-limits nothing.
   */
  readonly rateLimitHeaders?: boolean;
  /**
   * The clock of what happens on channels, in milliseconds since the epoch (default `Date.now`):
   * event times, `followed_at`, when cheers count on the bits leaderboard, the leaderboard's
   * current period, stream start times. Tokens, rate limits, WebSocket timers and message
   * timestamps keep real time.
   */
  readonly clock?: () => number;
  /** Where the simulator reports what it does (nothing by default). */
  readonly log?: (message: string) => void;
}

/**
 * The Twitch CLI's mock servers' quirks in one switch: tokens without refresh tokens, and answers
 * without `Ratelimit-*` headers (`new TwitchSimulator({ ...TWITCH_CLI_QUIRKS, … })`).
 */
export const TWITCH_CLI_QUIRKS = {
  refreshTokens: false,
  rateLimitHeaders: false,
} as const satisfies TwitchSimulatorOptions;

/** Revocation statuses Twitch sends. */
const REVOCATION_STATUSES = [
  'authorization_revoked',
  'user_removed',
  'version_removed',
  'moderator_removed',
];

/**
 * A Twitch stand-in on loopback that speaks Twitch's real protocols in the layout Twurple uses
 * when `TWURPLE_MOCK_API_PORT` is set: EventSub WebSocket at `ws://127.0.0.1:PORT/ws`,
 * `/eventsub/subscriptions`, Helix at `/mock/<endpoint>`, OAuth at `/auth/<endpoint>`; plus a
 * control API at `/control/...` (and the methods below) to make things happen and to break things.
 */
export class TwitchSimulator implements ControlledSimulator {
  /** The channel every simulator starts with. */
  readonly broadcaster: SimulatedUser;
  /** The client id tests and the demo use. */
  readonly clientId = DEFAULT_CLIENT_ID;
  private readonly users = new UserDirectory();
  private readonly channels = new ChannelDirectory();
  private readonly registry = new SubscriptionRegistry();
  private readonly tokens: TokenStore;
  private readonly devices: DeviceAuthorizations;
  private readonly faults = new HelixFaultPlan();
  private readonly gate: HelixRequestGate;
  private readonly sockets: EventSubSocketServer;
  private readonly eventSubOutage: EventSubOutage;
  private readonly eventSource: ChannelEventSource;
  private readonly helixRoutes: HelixRoutes;
  private readonly eventSubRoutes: EventSubRoutes;
  private readonly authRoutes: AuthRoutes;
  private readonly controlRoutes: ControlRoutes;
  private readonly server: LoopbackServer;
  private readonly log: (message: string) => void;
  private decision: AuthorizeDecision;
  private listening = false;
  private stopped = false;

  constructor(options: TwitchSimulatorOptions = {}) {
    this.log = options.log ?? (() => undefined);
    this.broadcaster = this.users.add({ ...DEFAULT_BROADCASTER, broadcasterType: 'affiliate' });
    this.channels.of(this.broadcaster);
    this.decision = { approve: true, user: this.broadcaster };
    this.tokens = new TokenStore(
      options.accessTokenSeconds ?? 14_400,
      Date.now,
      options.refreshTokens ?? true,
    );
    this.devices = new DeviceAuthorizations({
      expiresInSeconds: options.deviceCodeSeconds ?? 1800,
      intervalSeconds: options.deviceCodeIntervalSeconds ?? 5,
    });
    this.gate = new HelixRequestGate(
      this.tokens,
      new HelixPointBuckets(options.helixPointsPerMinute ?? 800),
      this.faults,
      options.rateLimitHeaders ?? true,
    );
    this.sockets = new EventSubSocketServer(
      {
        keepaliveSeconds: options.keepaliveSeconds ?? 10,
        reconnectGraceMs: options.reconnectGraceMs ?? 30_000,
        reconnectOverlapMs: options.reconnectOverlapMs ?? 1000,
        dropNoticeMs: options.dropNoticeMs ?? 10_000,
        pingIntervalMs: options.pingIntervalMs ?? 10_000,
      },
      this.registry,
      () => this.socketUrl,
    );
    this.eventSubOutage = new EventSubOutage(this.sockets, this.log);
    const clock = options.clock ?? Date.now;
    this.eventSource = new ChannelEventSource(
      this.users,
      (user) => this.channels.of(user),
      this.broadcaster,
      clock,
    );
    this.helixRoutes = new HelixRoutes(this.gate, this.users, this.channels, clock);
    this.eventSubRoutes = new EventSubRoutes(this.gate, this.registry, this.sockets, {
      ...TWITCH_EVENTSUB_LIMITS,
      ...options.limits,
    });
    this.authRoutes = new AuthRoutes(
      {
        clientIds: new Set([DEFAULT_CLIENT_ID, ...(options.clientIds ?? [])]),
        clientSecret: options.clientSecret ?? null,
      },
      this.tokens,
      this.devices,
      this.users,
      () => this.baseUrl,
      () => this.decision,
      this.broadcaster,
    );
    this.controlRoutes = new ControlRoutes(this);
    this.server = new LoopbackServer(
      (request, response) => this.handleRequest(request, response),
      (request, socket, head) => this.handleUpgrade(request, socket, head),
    );
  }

  // --- lifecycle

  /** Starts listening on loopback (port 0, the default, picks a free port); resolves to the port. */
  async start(options: { port?: number } = {}): Promise<number> {
    if (this.listening) throw new Error('The Twitch simulator is already running');
    if (this.stopped)
      throw new Error('A stopped Twitch simulator cannot start again; create a new one');
    const port = await this.server.listen(options.port ?? 0);
    this.listening = true;
    this.log(`Twitch simulator listening on ${this.baseUrl} (EventSub ${this.socketUrl})`);
    return port;
  }

  /** Closes every connection, cancels every timer and stops listening (for good: make a new simulator to start again). */
  async stop(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    this.stopped = true;
    this.eventSubOutage.stop();
    await this.sockets.stop();
    const closing = this.server.close();
    // Delayed Helix answers wake only after their connections are gone, so nothing is answered late.
    this.gate.stop();
    await closing;
  }

  /** Whether the simulator is listening. */
  get running(): boolean {
    return this.listening;
  }

  /** The port (0 before `start`); the value for `TWURPLE_MOCK_API_PORT`. */
  get port(): number {
    return this.server.port;
  }

  /** Whether ::1 is served too (same port), so `localhost` works whichever address a client tries first. */
  get servesIpv6(): boolean {
    return this.server.servesIpv6;
  }

  /** `http://localhost:PORT`, where Twurple sends Helix and OAuth calls. */
  get baseUrl(): string {
    return `http://localhost:${this.port}`;
  }

  /** `ws://127.0.0.1:PORT/ws`, where Twurple opens EventSub WebSockets. */
  get socketUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  // --- events and state

  /**
   * Makes something happen (a follow, a gift bomb, going live…) and delivers its notifications;
   * during an EventSub outage the channel changes all the same, and the notifications are lost.
   */
  trigger(type: SimulatedEventType, options: SimulatedTrigger = {}): TriggerResult {
    const { duplicate, ...happening } = options;
    if (duplicate !== undefined && duplicate !== 'same-id' && duplicate !== 'new-id') {
      throw new SimulatorInputError(
        `duplicate must be same-id or new-id, not ${String(duplicate)}`,
      );
    }
    const events = this.eventSource.produce(type, happening);
    if (this.eventSubOutage.active) {
      this.eventSubOutage.recordMissed(events);
      return { events, delivered: 0, outage: true };
    }
    let delivered = 0;
    for (const produced of events) {
      for (const sub of this.registry.matching(produced.type, produced.event)) {
        delivered += this.sockets.deliver(sub, produced.event, duplicate);
      }
    }
    return { events, delivered, outage: false };
  }

  /** The user with this login or id, made up if unknown. */
  user(loginOrId: string): SimulatedUser {
    return this.users.resolve(loginOrId);
  }

  /** A channel's numbers (the default broadcaster's when omitted). */
  channel(broadcaster?: string): ChannelSnapshot {
    const channel = this.channels.of(this.broadcasterOf(broadcaster));
    return {
      broadcasterId: channel.broadcaster.id,
      live: channel.stream !== null,
      viewers: channel.viewerCount,
      followers: channel.followerCount,
      subs: channel.subscriberCount,
      subPoints: channel.subPoints,
      bits: channel.bitsCheered,
      title: channel.title,
      game: channel.gameName,
      startedAt: channel.stream?.startedAt.toISOString() ?? null,
    };
  }

  /** Sets the viewer count Helix `/streams` reports. */
  setViewerCount(count: number, broadcaster?: string): void {
    if (!Number.isInteger(count) || count < 0) {
      throw new SimulatorInputError(
        `viewer count must be a whole number of at least 0, not ${String(count)}`,
      );
    }
    this.channels.of(this.broadcasterOf(broadcaster)).viewerCount = count;
  }

  // --- tokens and sign-in

  /**
   * Mints a user access token and refresh token (unless `refreshTokens` is off) without a browser:
   * for `user` (default: the broadcaster), with `scopes` (default: `BROADCASTER_SCOPES`).
   */
  mintUserToken(
    options: {
      user?: string;
      scopes?: readonly string[];
      expiresInSeconds?: number;
      clientId?: string;
    } = {},
  ): MintedUserToken {
    const user = this.broadcasterOf(options.user);
    const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
    const expires = options.expiresInSeconds;
    if (expires !== undefined && !(Number.isInteger(expires) && expires > 0)) {
      throw new SimulatorInputError(
        `expiresInSeconds must be a positive whole number, not ${String(expires)}`,
      );
    }
    const issued = this.tokens.issueUserToken(
      clientId,
      user.id,
      options.scopes ?? BROADCASTER_SCOPES,
      expires,
    );
    return {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? '',
      scope: issued.scope,
      expiresIn: issued.expires_in,
      obtainmentTimestamp: Date.now(),
      userId: user.id,
      login: user.login,
      clientId,
    };
  }

  /** Approves a pending device code as `user` (default: the broadcaster); false when no such code waits. */
  approveDeviceCode(userCode: string, user?: string): boolean {
    return this.devices.approve(userCode, this.broadcasterOf(user).id);
  }

  /** Denies a pending device code; false when no such code waits. */
  denyDeviceCode(userCode: string): boolean {
    return this.devices.deny(userCode);
  }

  /** Device codes waiting for a person. */
  pendingDeviceCodes(): Array<{ userCode: string; scopes: readonly string[]; expiresAt: string }> {
    return this.devices.pending().map((a) => ({
      userCode: a.userCode,
      scopes: a.scopes,
      expiresAt: new Date(a.expiresAt).toISOString(),
    }));
  }

  /** What `/auth/authorize` does from now on: approve as `user` (default: the broadcaster), or deny. */
  setAuthorizeDecision(decision: { approve: boolean; user?: string }): void {
    this.decision = { approve: decision.approve, user: this.broadcasterOf(decision.user) };
  }

  // --- faults

  /** Drops EventSub sockets without a close frame (all, or one session); returns how many. */
  dropConnections(sessionId?: string): number {
    return this.sockets.drop(sessionId);
  }

  /** Closes EventSub sockets with `code` (4000–4007 as Twitch, or any sendable code); returns how many. */
  closeConnections(code: number, reason = '', sessionId?: string): number {
    if (!isSendableCloseCode(code)) {
      throw new SimulatorInputError(
        `${String(code)} cannot be sent in a close frame (use 1000, 1001–1014 or 3000–4999)`,
      );
    }
    return this.sockets.close(code, reason, sessionId);
  }

  /** Sends a frame that is not JSON; returns to how many sessions. */
  sendMalformedFrame(sessionId?: string): number {
    return this.sockets.sendMalformed(sessionId);
  }

  /** Delivers the last notification again, with the same or a new `message_id`; false when there is none to repeat. */
  redeliverLastNotification(options: { newMessageId?: boolean } = {}): boolean {
    return this.sockets.redeliverLast(options.newMessageId === true);
  }

  /** Stops or resumes keepalive messages (for every session, now and later, or for one); returns how many sessions. */
  setKeepalives(enabled: boolean, sessionId?: string): number {
    return this.sockets.setKeepalives(enabled, sessionId);
  }

  /** Sends `session_reconnect` (all sessions, or one); returns how many. */
  requestReconnect(sessionId?: string): number {
    return this.sockets.requestReconnect(sessionId);
  }

  /**
   * Makes EventSub unreachable for `seconds` while channels keep changing: open sockets are dropped
   * without a close frame, new connections are cut until it ends, and notifications of what happens
   * meanwhile are lost (Twitch does not replay them). Helix keeps answering, so it shows what was
   * missed. During an outage, moves its end to `seconds` from now. Returns how many sessions this dropped.
   */
  startOutage(seconds: number): number {
    return this.eventSubOutage.start(seconds);
  }

  /** Ends an EventSub outage now; false when none is on. */
  endOutage(): boolean {
    return this.eventSubOutage.end();
  }

  /** The current EventSub outage, or the last one: whether it is on, when, and what it made clients miss. */
  outage(): OutageStatus {
    return this.eventSubOutage.status();
  }

  /**
   * Makes Helix misbehave for `endpoint` (`streams`, `channels/followers`, `subscriptions`,
   * `bits/leaderboard`, `users`, `eventsub/subscriptions`, or `*`): answer `status` (429 with an empty rate-limit
   * bucket), and/or wait `delayMs` first, for `count` requests or until cleared.
   */
  failHelix(fault: {
    endpoint: string;
    status?: number;
    delayMs?: number;
    count?: number;
    resetSeconds?: number;
  }): HelixFault {
    return this.faults.add(fault);
  }

  /** Clears Helix faults (of one endpoint, or all); returns how many. */
  clearHelixFaults(endpoint?: string): number {
    return this.faults.clear(endpoint);
  }

  /**
   * Revokes subscriptions (by id, by type, or all): a `revocation` message with `status`
   * (default `authorization_revoked`), then they are gone. Returns how many.
   */
  revokeSubscriptions(filter: { id?: string; type?: string; status?: string } = {}): number {
    const status = filter.status ?? 'authorization_revoked';
    if (!REVOCATION_STATUSES.includes(status)) {
      throw new SimulatorInputError(`status must be one of ${REVOCATION_STATUSES.join(', ')}`);
    }
    const targets = this.registry
      .all()
      .filter(
        (sub) => (!filter.id || sub.id === filter.id) && (!filter.type || sub.type === filter.type),
      );
    for (const sub of targets) this.sockets.revoke(sub, status);
    return targets.length;
  }

  /** Spends a user's refresh tokens (default: the broadcaster's): refreshing gives 400 `Invalid refresh token`. */
  revokeRefreshTokens(user?: string): number {
    return this.tokens.revokeRefreshTokens({ userId: this.broadcasterOf(user).id });
  }

  /**
   * The user disconnects the app: every token of theirs stops working and their EventSub
   * subscriptions are revoked with `authorization_revoked`, as on Twitch. Returns how many grants.
   */
  revokeAuthorization(user?: string): number {
    const userId = this.broadcasterOf(user).id;
    const grants = this.tokens.revokeUser(userId);
    for (const sub of this.registry
      .all()
      .filter((s) => s.userId === userId && s.status === 'enabled')) {
      this.sockets.revoke(sub, 'authorization_revoked');
    }
    return grants;
  }

  /** Makes a user's access tokens expire now (refresh tokens still work). Returns how many. */
  expireAccessTokens(user?: string): number {
    return this.tokens.expireAccessTokens(this.broadcasterOf(user).id);
  }

  // --- inspection

  /** Helix requests to one endpoint (e.g. `streams`), rejected ones included. */
  helixRequestCount(endpoint: string): number {
    return this.gate.requestCount(endpoint);
  }

  /** Helix requests per endpoint. */
  helixRequestCounts(): Record<string, number> {
    return this.gate.requestCounts();
  }

  /** Starts the Helix request counts from zero. */
  resetHelixRequestCounts(): void {
    this.gate.resetCounts();
  }

  /** EventSub subscriptions as `GET /eventsub/subscriptions` shows them, of every client and user. */
  subscriptions(filter: { status?: string; type?: string } = {}): Array<Record<string, unknown>> {
    return this.registry
      .all()
      .filter(
        (sub) =>
          (!filter.status || sub.status === filter.status) &&
          (!filter.type || sub.type === filter.type),
      )
      .map(describeSubscription);
  }

  /** Open EventSub sessions. */
  sessions(): SessionSummary[] {
    return this.sockets.summaries();
  }

  /** Active Helix faults. */
  helixFaults(): HelixFault[] {
    return this.faults.list();
  }

  private broadcasterOf(loginOrId: string | undefined): SimulatedUser {
    return loginOrId === undefined || loginOrId === ''
      ? this.broadcaster
      : this.users.resolve(loginOrId);
  }

  private handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.sockets.handleUpgrade(request, socket, head);
  }

  private handleRequest(request: IncomingMessage, response: ServerResponse): void {
    const exchange = new HttpExchange(request, response);
    this.route(exchange).catch((error: unknown) => {
      if (error instanceof TwitchHttpError) return exchange.sendError(error);
      if (error instanceof SimulatorInputError)
        return exchange.sendError(new TwitchHttpError(400, error.message));
      this.log(
        `Twitch simulator: ${exchange.method} ${exchange.url.pathname} failed: ${String(error)}`,
      );
      exchange.sendError(new TwitchHttpError(500, 'The simulator failed; see its log'));
    });
  }

  private async route(exchange: HttpExchange): Promise<void> {
    const path = exchange.url.pathname.replace(/\/+$/, '') || '/';
    if (path.startsWith('/mock/'))
      return this.helixRoutes.handle(exchange, path.slice('/mock/'.length));
    if (path === '/eventsub/subscriptions') return this.eventSubRoutes.handle(exchange);
    if (path.startsWith('/auth/'))
      return this.authRoutes.handle(exchange, path.slice('/auth/'.length));
    if (path === '/activate') return this.authRoutes.handleActivate(exchange);
    if (path.startsWith('/control/'))
      return this.controlRoutes.handle(exchange, path.slice('/control/'.length));
    if (path === '/') {
      return exchange.sendText(
        200,
        'Twitch simulator. EventSub: /ws; subscriptions: /eventsub/subscriptions; Helix: /mock/<endpoint>; ' +
          'OAuth: /auth/<endpoint>; device activation: /activate; control: /control/state (see the README of @twitch-realtime/twitch-simulator).\n',
      );
    }
    throw new TwitchHttpError(404, `Nothing at ${path}`);
  }
}
