import type { ControlledSimulator } from './control-routes.js';
import type { EventObject } from './event-payloads.js';
import type { SimulatedEventType } from './event-types.js';
import type { OutageStatus } from './eventsub-outage.js';
import type { SessionSummary } from './eventsub-socket-server.js';
import type { HelixFault } from './helix-fault-plan.js';
import type { MintUserTokenOptions, PendingDeviceCode } from './sign-in-control.js';
import { assembleSimulator, type SimulatorParts } from './simulator-assembly.js';
import { DEFAULT_CLIENT_ID } from './simulator-constants.js';
import type { TwitchSimulatorOptions } from './simulator-options.js';
import type {
  ChannelSnapshot,
  MintedUserToken,
  SimulatedTrigger,
  TriggerResult,
} from './simulator-types.js';
import type { SimulatedUser } from './user-directory.js';

/**
 * A Twitch stand-in on loopback that speaks Twitch's real protocols in the layout Twurple uses
 * when `TWURPLE_MOCK_API_PORT` is set: EventSub WebSocket at `ws://127.0.0.1:PORT/ws`,
 * `/eventsub/subscriptions`, Helix at `/mock/<endpoint>`, OAuth at `/auth/<endpoint>`; plus a
 * control API at `/control/...` (and the methods below) to make things happen and to break things.
 * This class builds the parts and is their one public face; each method hands over to the part
 * that does the job (`ChannelControl`, `SignInControl`, `EventSubControl`, the Helix fault plan
 * and request gate), where the longer explanations are.
 */
export class TwitchSimulator implements ControlledSimulator {
  /** The channel every simulator starts with. */
  readonly broadcaster: SimulatedUser;
  /** The client id tests and the demo use. */
  readonly clientId = DEFAULT_CLIENT_ID;
  private readonly parts: SimulatorParts;
  private readonly log: (message: string) => void;
  private listening = false;
  private stopped = false;

  constructor(options: TwitchSimulatorOptions = {}) {
    this.log = options.log ?? (() => undefined);
    this.parts = assembleSimulator(
      options,
      { baseUrl: () => this.baseUrl, socketUrl: () => this.socketUrl, controlled: this },
      this.log,
    );
    this.broadcaster = this.parts.broadcaster;
  }

  // --- lifecycle

  /** Starts listening on loopback (port 0, the default, picks a free port); resolves to the port. */
  async start(options: { port?: number } = {}): Promise<number> {
    if (this.listening) throw new Error('The Twitch simulator is already running');
    if (this.stopped)
      throw new Error('A stopped Twitch simulator cannot start again; create a new one');
    const port = await this.parts.server.listen(options.port ?? 0);
    this.listening = true;
    this.log(`Twitch simulator listening on ${this.baseUrl} (EventSub ${this.socketUrl})`);
    return port;
  }

  /** Closes every connection, cancels every timer and stops listening (for good: make a new simulator to start again). */
  async stop(): Promise<void> {
    if (!this.listening) return;
    this.listening = false;
    this.stopped = true;
    this.parts.outage.stop();
    await this.parts.sockets.stop();
    const closing = this.parts.server.close();
    // Delayed Helix answers wake only after their connections are gone, so nothing is answered late.
    this.parts.gate.stop();
    await closing;
  }

  /** Whether the simulator is listening. */
  get running(): boolean {
    return this.listening;
  }

  /** The port (0 before `start`); the value for `TWURPLE_MOCK_API_PORT`. */
  get port(): number {
    return this.parts.server.port;
  }

  /** Whether ::1 is served too (same port), so `localhost` works whichever address a client tries first. */
  get servesIpv6(): boolean {
    return this.parts.server.servesIpv6;
  }

  /** `http://localhost:PORT`, where Twurple sends Helix and OAuth calls. */
  get baseUrl(): string {
    return `http://localhost:${this.port}`;
  }

  /** `ws://127.0.0.1:PORT/ws`, where Twurple opens EventSub WebSockets. */
  get socketUrl(): string {
    return `ws://127.0.0.1:${this.port}/ws`;
  }

  // --- channels: what happens on them, and their numbers

  /** Makes something happen (a follow, a gift bomb, going live…) and delivers its notifications (none during an outage). */
  trigger(type: SimulatedEventType, options: SimulatedTrigger = {}): TriggerResult {
    return this.parts.channels.trigger(type, options);
  }

  /** Delivers an event object exactly as given (a captured or Twitch CLI payload) to whoever subscribes to `type`. */
  deliver(type: SimulatedEventType, event: EventObject): TriggerResult {
    return this.parts.channels.deliver(type, event);
  }

  /** The user with this login or id, made up if unknown. */
  user(loginOrId: string): SimulatedUser {
    return this.parts.channels.user(loginOrId);
  }

  /** A channel's numbers (the default broadcaster's when omitted). */
  channel(broadcaster?: string): ChannelSnapshot {
    return this.parts.channels.channel(broadcaster);
  }

  /** Sets the viewer count Helix `/streams` reports. */
  setViewerCount(count: number, broadcaster?: string): void {
    this.parts.channels.setViewerCount(count, broadcaster);
  }

  // --- sign-in and grants (users by login or id; the broadcaster when omitted)

  /** Mints a user token without a browser (default: the broadcaster, with `BROADCASTER_SCOPES`). */
  mintUserToken(options: MintUserTokenOptions = {}): MintedUserToken {
    return this.parts.signIn.mintUserToken(options);
  }

  /** Approves a pending device code as `user`; false when no such code waits. */
  approveDeviceCode(userCode: string, user?: string): boolean {
    return this.parts.signIn.approveDeviceCode(userCode, user);
  }

  /** Denies a pending device code; false when no such code waits. */
  denyDeviceCode(userCode: string): boolean {
    return this.parts.signIn.denyDeviceCode(userCode);
  }

  /** Device codes waiting for a person. */
  pendingDeviceCodes(): PendingDeviceCode[] {
    return this.parts.signIn.pendingDeviceCodes();
  }

  /** What `/auth/authorize` does from now on: approve as `user`, or deny. */
  setAuthorizeDecision(decision: { approve: boolean; user?: string }): void {
    this.parts.signIn.setAuthorizeDecision(decision);
  }

  /** Spends a user's refresh tokens: refreshing gives 400 `Invalid refresh token`. */
  revokeRefreshTokens(user?: string): number {
    return this.parts.signIn.revokeRefreshTokens(user);
  }

  /** The user disconnects the app: tokens stop working, subscriptions are revoked. Returns how many grants. */
  revokeAuthorization(user?: string): number {
    return this.parts.signIn.revokeAuthorization(user);
  }

  /** Makes a user's access tokens expire now (refresh tokens still work). Returns how many. */
  expireAccessTokens(user?: string): number {
    return this.parts.signIn.expireAccessTokens(user);
  }

  // --- EventSub: sessions, subscriptions and faults (every session unless one is named)

  /** Drops EventSub sockets without a close frame; returns how many. */
  dropConnections(sessionId?: string): number {
    return this.parts.eventSub.dropConnections(sessionId);
  }

  /** Closes EventSub sockets with `code` (4000–4007 as Twitch, or any sendable code); returns how many. */
  closeConnections(code: number, reason = '', sessionId?: string): number {
    return this.parts.eventSub.closeConnections(code, reason, sessionId);
  }

  /** Sends a frame that is not JSON; returns to how many sessions. */
  sendMalformedFrame(sessionId?: string): number {
    return this.parts.eventSub.sendMalformedFrame(sessionId);
  }

  /** Delivers the last notification again, with the same or a new `message_id`; false when there is none. */
  redeliverLastNotification(options: { newMessageId?: boolean } = {}): boolean {
    return this.parts.eventSub.redeliverLastNotification(options);
  }

  /** Stops or resumes keepalive messages (every session, now and later, or one); returns how many sessions. */
  setKeepalives(enabled: boolean, sessionId?: string): number {
    return this.parts.eventSub.setKeepalives(enabled, sessionId);
  }

  /** Holds every frame to one session (or each open one) for `ms` before it goes out; 0 ends it. */
  setDeliveryDelay(ms: number, sessionId?: string): number {
    return this.parts.eventSub.setDeliveryDelay(ms, sessionId);
  }

  /** Sends `session_reconnect`; returns to how many sessions. */
  requestReconnect(sessionId?: string): number {
    return this.parts.eventSub.requestReconnect(sessionId);
  }

  /** EventSub unreachable for `seconds` while channels keep changing (see `EventSubOutage`); returns sessions dropped. */
  startOutage(seconds: number): number {
    return this.parts.eventSub.startOutage(seconds);
  }

  /** Ends an EventSub outage now; false when none is on. */
  endOutage(): boolean {
    return this.parts.eventSub.endOutage();
  }

  /** The current EventSub outage, or the last one: whether it is on, when, and what it made clients miss. */
  outage(): OutageStatus {
    return this.parts.eventSub.outage();
  }

  /** Revokes subscriptions (by id, by type, or all) with a `revocation` message; returns how many. */
  revokeSubscriptions(filter: { id?: string; type?: string; status?: string } = {}): number {
    return this.parts.eventSub.revokeSubscriptions(filter);
  }

  /** EventSub subscriptions as `GET /eventsub/subscriptions` shows them, of every client and user. */
  subscriptions(filter: { status?: string; type?: string } = {}): Array<Record<string, unknown>> {
    return this.parts.eventSub.subscriptions(filter);
  }

  /** Open EventSub sessions. */
  sessions(): SessionSummary[] {
    return this.parts.eventSub.sessions();
  }

  // --- Helix: faults and request counts

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
    return this.parts.helixFaults.add(fault);
  }

  /** Clears Helix faults (of one endpoint, or all); returns how many. */
  clearHelixFaults(endpoint?: string): number {
    return this.parts.helixFaults.clear(endpoint);
  }

  /** Active Helix faults. */
  helixFaults(): HelixFault[] {
    return this.parts.helixFaults.list();
  }

  /** Helix requests to one endpoint (e.g. `streams`), rejected ones included. */
  helixRequestCount(endpoint: string): number {
    return this.parts.gate.requestCount(endpoint);
  }

  /** Helix requests per endpoint. */
  helixRequestCounts(): Record<string, number> {
    return this.parts.gate.requestCounts();
  }

  /** Starts the Helix request counts from zero. */
  resetHelixRequestCounts(): void {
    this.parts.gate.resetCounts();
  }
}
