import { AuthRoutes } from './auth-routes.js';
import { ChannelControl } from './channel-control.js';
import { ChannelDirectory } from './channel-directory.js';
import { ChannelEventSource } from './channel-event-source.js';
import { ControlRoutes, type ControlledSimulator } from './control-routes.js';
import { DeviceAuthorizations } from './device-authorizations.js';
import { EventSubControl } from './eventsub-control.js';
import { EventSubOutage } from './eventsub-outage.js';
import { EventSubRoutes, TWITCH_EVENTSUB_LIMITS } from './eventsub-routes.js';
import { EventSubSocketServer } from './eventsub-socket-server.js';
import { HelixFaultPlan } from './helix-fault-plan.js';
import { HelixPointBuckets } from './helix-point-buckets.js';
import { HelixRequestGate } from './helix-request-gate.js';
import { HelixRoutes } from './helix-routes.js';
import { ImageRoutes } from './image-routes.js';
import { LoopbackServer } from './loopback-server.js';
import { SignInControl } from './sign-in-control.js';
import { DEFAULT_BROADCASTER, DEFAULT_CLIENT_ID } from './simulator-constants.js';
import { SimulatorHttpRouter } from './simulator-http-router.js';
import type { TwitchSimulatorOptions } from './simulator-options.js';
import { SubscriptionRegistry } from './subscription-registry.js';
import { TokenStore } from './token-store.js';
import { UserDirectory, type SimulatedUser } from './user-directory.js';

/** What the parts need from the simulator they make up: its addresses once listening, and its face. */
export interface SimulatorHost {
  /** `http://localhost:PORT`. */
  baseUrl(): string;
  /** `ws://127.0.0.1:PORT/ws`. */
  socketUrl(): string;
  /** What the control API calls. */
  readonly controlled: ControlledSimulator;
}

/** One simulator's parts, wired together. */
export interface SimulatorParts {
  readonly broadcaster: SimulatedUser;
  readonly helixFaults: HelixFaultPlan;
  readonly gate: HelixRequestGate;
  readonly sockets: EventSubSocketServer;
  readonly outage: EventSubOutage;
  readonly channels: ChannelControl;
  readonly signIn: SignInControl;
  readonly eventSub: EventSubControl;
  readonly server: LoopbackServer;
}

/**
 * Builds a simulator's parts from its options: the shared state (users, channels, subscriptions,
 * tokens), the servers and routes that read it, and the controls that change it.
 */
export function assembleSimulator(
  options: TwitchSimulatorOptions,
  host: SimulatorHost,
  log: (message: string) => void,
): SimulatorParts {
  const users = new UserDirectory();
  const directory = new ChannelDirectory();
  const registry = new SubscriptionRegistry();
  const clock = options.clock ?? Date.now;
  const broadcaster = users.add({ ...DEFAULT_BROADCASTER, broadcasterType: 'affiliate' });
  directory.of(broadcaster);
  const tokens = new TokenStore(
    options.accessTokenSeconds ?? 14_400,
    Date.now,
    options.refreshTokens ?? true,
  );
  const devices = new DeviceAuthorizations({
    expiresInSeconds: options.deviceCodeSeconds ?? 1800,
    intervalSeconds: options.deviceCodeIntervalSeconds ?? 5,
  });
  const helixFaults = new HelixFaultPlan();
  const gate = new HelixRequestGate(
    tokens,
    new HelixPointBuckets(options.helixPointsPerMinute ?? 800),
    helixFaults,
    options.rateLimitHeaders ?? true,
  );
  const sockets = new EventSubSocketServer(
    {
      keepaliveSeconds: options.keepaliveSeconds ?? 10,
      reconnectGraceMs: options.reconnectGraceMs ?? 30_000,
      reconnectOverlapMs: options.reconnectOverlapMs ?? 1000,
      dropNoticeMs: options.dropNoticeMs ?? 10_000,
      pingIntervalMs: options.pingIntervalMs ?? 10_000,
    },
    registry,
    () => host.socketUrl(),
  );
  const outage = new EventSubOutage(sockets, log);
  const source = new ChannelEventSource(
    users,
    (user) => directory.of(user),
    broadcaster,
    clock,
    () => host.baseUrl(),
  );
  const channels = new ChannelControl(
    users,
    directory,
    source,
    registry,
    sockets,
    outage,
    broadcaster,
  );
  const signIn = new SignInControl(users, tokens, devices, registry, sockets, broadcaster);
  const router = new SimulatorHttpRouter(
    {
      helix: new HelixRoutes(gate, users, directory, clock, () => host.baseUrl()),
      images: new ImageRoutes(),
      eventSub: new EventSubRoutes(gate, registry, sockets, {
        ...TWITCH_EVENTSUB_LIMITS,
        ...options.limits,
      }),
      auth: new AuthRoutes(
        {
          clientIds: new Set([DEFAULT_CLIENT_ID, ...(options.clientIds ?? [])]),
          clientSecret: options.clientSecret ?? null,
        },
        tokens,
        devices,
        users,
        () => host.baseUrl(),
        () => signIn.decision,
        broadcaster,
      ),
      control: new ControlRoutes(host.controlled),
    },
    log,
  );
  const server = new LoopbackServer(
    (request, response) => router.handle(request, response),
    (request, socket, head) => sockets.handleUpgrade(request, socket, head),
  );
  return {
    broadcaster,
    helixFaults,
    gate,
    sockets,
    outage,
    channels,
    signIn,
    eventSub: new EventSubControl(sockets, registry, outage),
    server,
  };
}
