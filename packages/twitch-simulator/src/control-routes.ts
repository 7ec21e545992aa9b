/**
 * The simulator's control API, for tests, the demo and `npm run trigger`. JSON in, JSON out;
 * loopback only, no authentication (the simulator never serves anything but loopback). What a web
 * page could send is refused (see `checkControlRequest`): another site's `Origin` or a Host that is
 * not this machine (403), a POST without `Content-Type: application/json` (415).
 *
 *   GET    /control/state                  channel numbers, sessions, subscriptions, Helix counts, faults, outage
 *   POST   /control/trigger/<type>         make an event happen; body: trigger options (see TriggerOptions),
 *                                          e.g. {"user":"alice"}, {"bits":500}, {"total":5,"anonymous":true},
 *                                          {"reward":"Hydrate!","input":"…"}, {"choices":"Yes,No"},
 *                                          {"months":14,"streak":6}, {"bitsType":"power_up","powerUp":"celebration"},
 *                                          plus "duplicate": "same-id" | "new-id"
 *                                          → {"delivered": n, "outage": false, "events": [{"type","event"}]}
 *   POST   /control/viewers                {"count": 42, "broadcaster"?} sets the viewer count
 *   POST   /control/tokens                 {"user"?, "scopes"?, "expiresInSeconds"?, "clientId"?} mints a user token
 *   POST   /control/device/approve         {"userCode", "user"?} approves a device code
 *   POST   /control/device/deny            {"userCode"} denies a device code
 *   POST   /control/authorize              {"decision": "approve" | "deny", "user"?} what /auth/authorize does
 *   GET    /control/subscriptions          ?status=&type= EventSub subscriptions of every client
 *   GET    /control/helix-requests         Helix requests per endpoint
 *   DELETE /control/helix-requests         counts start again from zero
 *   POST   /control/faults/<name>          break something; → {"affected": n}
 *       drop               {"session"?}                      drop sockets without a close frame
 *       close              {"code", "reason"?, "session"?}   close sockets with a code (4000–4007…)
 *       malformed          {"session"?}                      send a frame that is not JSON
 *       redeliver          {"newMessageId"?}                 send the last notification again
 *       keepalive-stop     {"session"?}                      stop keepalive messages
 *       keepalive-resume   {"session"?}                      resume them
 *       delay              {"delayMs", "session"?}           hold each frame that long before it
 *                                                            goes out (a slow path; 0 ends it)
 *       reconnect          {"session"?}                      send session_reconnect
 *       outage             {"seconds"}                       EventSub unreachable for that long (sockets
 *                                                            dropped, new ones cut, notifications lost);
 *                                                            Helix unaffected; affected: sessions dropped
 *       outage-end         {}                                end it now; affected: 1, or 0 if none was on
 *       helix              {"endpoint", "status"?, "delayMs"?, "count"?, "resetSeconds"?}
 *       helix-clear        {"endpoint"?}
 *       revoke-subscription {"id"?, "type"?, "status"?}      revocation message, then the subscription is gone
 *       revoke-refresh     {"user"?}                         refresh tokens stop working
 *       revoke-token       {"user"?}                         the user disconnects the app (all tokens, subscriptions)
 *       expire-token       {"user"?}                         access tokens expire now
 *
 * Errors are `{ error, status, message }` with 400 for bad input and 404 for unknown routes.
 */
import { checkControlRequest } from './control-request-check.js';
import { isSimulatedEventType } from './event-types.js';
import type { SimulatedEventType } from './event-types.js';
import type { OutageStatus } from './eventsub-outage.js';
import type { SessionSummary } from './eventsub-socket-server.js';
import { ControlBody } from './control-body.js';
import { readTriggerOptions } from './control-trigger-options.js';
import type { HelixFault } from './helix-fault-plan.js';
import { TwitchHttpError, type HttpExchange } from './http-exchange.js';
import type { MintUserTokenOptions, PendingDeviceCode } from './sign-in-control.js';
import type {
  ChannelSnapshot,
  MintedUserToken,
  SimulatedTrigger,
  TriggerResult,
} from './simulator-types.js';
import type { SimulatedUser } from './user-directory.js';

/**
 * What the control API calls on the simulator: `TwitchSimulator` implements it. Declared here, so
 * the routes depend on what they use and not on the facade that serves them.
 */
export interface ControlledSimulator {
  readonly port: number;
  readonly clientId: string;
  readonly broadcaster: SimulatedUser;
  trigger(type: SimulatedEventType, options?: SimulatedTrigger): TriggerResult;
  channel(broadcaster?: string): ChannelSnapshot;
  setViewerCount(count: number, broadcaster?: string): void;
  mintUserToken(options?: MintUserTokenOptions): MintedUserToken;
  approveDeviceCode(userCode: string, user?: string): boolean;
  denyDeviceCode(userCode: string): boolean;
  pendingDeviceCodes(): PendingDeviceCode[];
  setAuthorizeDecision(decision: { approve: boolean; user?: string }): void;
  dropConnections(sessionId?: string): number;
  closeConnections(code: number, reason?: string, sessionId?: string): number;
  sendMalformedFrame(sessionId?: string): number;
  redeliverLastNotification(options?: { newMessageId?: boolean }): boolean;
  setKeepalives(enabled: boolean, sessionId?: string): number;
  setDeliveryDelay(ms: number, sessionId?: string): number;
  requestReconnect(sessionId?: string): number;
  startOutage(seconds: number): number;
  endOutage(): boolean;
  outage(): OutageStatus;
  failHelix(fault: {
    endpoint: string;
    status?: number;
    delayMs?: number;
    count?: number;
    resetSeconds?: number;
  }): HelixFault;
  clearHelixFaults(endpoint?: string): number;
  helixFaults(): HelixFault[];
  revokeSubscriptions(filter?: { id?: string; type?: string; status?: string }): number;
  revokeRefreshTokens(user?: string): number;
  revokeAuthorization(user?: string): number;
  expireAccessTokens(user?: string): number;
  sessions(): SessionSummary[];
  subscriptions(filter?: { status?: string; type?: string }): Array<Record<string, unknown>>;
  helixRequestCounts(): Record<string, number>;
  resetHelixRequestCounts(): void;
}

/** Serves `/control/...` by calling the simulator's public methods. */
export class ControlRoutes {
  constructor(private readonly simulator: ControlledSimulator) {}

  /** Answers `/control/<route>`. */
  async handle(exchange: HttpExchange, route: string): Promise<void> {
    checkControlRequest(exchange);
    const method = exchange.method;
    const body = method === 'POST' ? new ControlBody(await exchange.json()) : new ControlBody({});
    const query = exchange.url.searchParams;
    const [head, ...rest] = route.split('/');
    const name = rest.join('/');
    const sim = this.simulator;

    if (method === 'GET' && route === 'state') return exchange.sendJson(200, this.state());
    if (method === 'GET' && route === 'subscriptions') {
      return exchange.sendJson(200, {
        data: sim.subscriptions({
          status: query.get('status') ?? undefined,
          type: query.get('type') ?? undefined,
        }),
      });
    }
    if (route === 'helix-requests' && method === 'GET')
      return exchange.sendJson(200, sim.helixRequestCounts());
    if (route === 'helix-requests' && method === 'DELETE') {
      sim.resetHelixRequestCounts();
      return exchange.sendEmpty(204);
    }
    if (method !== 'POST')
      throw new TwitchHttpError(404, `No control route ${method} /control/${route}`);

    switch (head) {
      case 'trigger': {
        if (!isSimulatedEventType(name)) {
          throw new TwitchHttpError(404, `Unknown event type "${name}"`);
        }
        return exchange.sendJson(200, sim.trigger(name, readTriggerOptions(body)));
      }
      case 'viewers':
        sim.setViewerCount(
          body.required('count', body.number('count')),
          body.string('broadcaster'),
        );
        return exchange.sendJson(200, sim.channel(body.string('broadcaster')));
      case 'tokens':
        return exchange.sendJson(
          200,
          sim.mintUserToken({
            user: body.string('user'),
            scopes: body.strings('scopes'),
            expiresInSeconds: body.number('expiresInSeconds'),
            clientId: body.string('clientId'),
          }),
        );
      case 'device': {
        const userCode = body.required('userCode', body.string('userCode'));
        const done =
          name === 'approve'
            ? sim.approveDeviceCode(userCode, body.string('user'))
            : name === 'deny'
              ? sim.denyDeviceCode(userCode)
              : undefined;
        if (done === undefined)
          throw new TwitchHttpError(404, 'Use /control/device/approve or /control/device/deny');
        if (!done)
          throw new TwitchHttpError(
            404,
            `No device code ${userCode} is waiting (expired, used or mistyped?)`,
          );
        return exchange.sendJson(200, { userCode, decision: name });
      }
      case 'authorize': {
        const decision = body.required('decision', body.string('decision'));
        if (decision !== 'approve' && decision !== 'deny') {
          throw new TwitchHttpError(400, '"decision" must be approve or deny');
        }
        sim.setAuthorizeDecision({ approve: decision === 'approve', user: body.string('user') });
        return exchange.sendJson(200, { decision });
      }
      case 'faults':
        return exchange.sendJson(200, { affected: this.fault(name, body) });
      default:
        throw new TwitchHttpError(404, `No control route POST /control/${route}`);
    }
  }

  private state(): Record<string, unknown> {
    const sim = this.simulator;
    return {
      port: sim.port,
      clientId: sim.clientId,
      broadcaster: sim.broadcaster,
      channel: sim.channel(),
      sessions: sim.sessions(),
      subscriptions: sim.subscriptions(),
      helixRequests: sim.helixRequestCounts(),
      helixFaults: sim.helixFaults(),
      outage: sim.outage(),
      pendingDeviceCodes: sim.pendingDeviceCodes(),
    };
  }

  private fault(name: string, body: ControlBody): number {
    const sim = this.simulator;
    const session = body.string('session');
    switch (name) {
      case 'drop':
        return sim.dropConnections(session);
      case 'close':
        return sim.closeConnections(
          body.required('code', body.number('code')),
          body.string('reason') ?? '',
          session,
        );
      case 'malformed':
        return sim.sendMalformedFrame(session);
      case 'redeliver':
        return sim.redeliverLastNotification({ newMessageId: body.boolean('newMessageId') })
          ? 1
          : 0;
      case 'keepalive-stop':
        return sim.setKeepalives(false, session);
      case 'keepalive-resume':
        return sim.setKeepalives(true, session);
      case 'delay':
        return sim.setDeliveryDelay(body.required('delayMs', body.number('delayMs')), session);
      case 'reconnect':
        return sim.requestReconnect(session);
      case 'outage':
        return sim.startOutage(body.required('seconds', body.number('seconds')));
      case 'outage-end':
        return sim.endOutage() ? 1 : 0;
      case 'helix':
        sim.failHelix({
          endpoint: body.string('endpoint') ?? '*',
          status: body.number('status'),
          delayMs: body.number('delayMs'),
          count: body.number('count'),
          resetSeconds: body.number('resetSeconds'),
        });
        return 1;
      case 'helix-clear':
        return sim.clearHelixFaults(body.string('endpoint'));
      case 'revoke-subscription':
        return sim.revokeSubscriptions({
          id: body.string('id'),
          type: body.string('type'),
          status: body.string('status'),
        });
      case 'revoke-refresh':
        return sim.revokeRefreshTokens(body.string('user'));
      case 'revoke-token':
        return sim.revokeAuthorization(body.string('user'));
      case 'expire-token':
        return sim.expireAccessTokens(body.string('user'));
      default:
        throw new TwitchHttpError(404, `Unknown fault "${name}"`);
    }
  }
}
