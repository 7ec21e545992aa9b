import type { EventSubSocketServer } from './eventsub-socket-server.js';
import type { HelixRequestGate } from './helix-request-gate.js';
import { TwitchHttpError, type HttpExchange } from './http-exchange.js';
import { randomId } from './random-ids.js';
import {
  describeSubscription,
  type StoredSubscription,
  type SubscriptionRegistry,
} from './subscription-registry.js';
import { normaliseCondition, subscriptionTypeSpec, type Condition } from './subscription-types.js';
import type { AccessTokenInfo } from './token-store.js';
import { eventSubTime } from './twitch-time.js';

/** Twitch's limits on EventSub WebSocket subscriptions. */
export interface EventSubLimits {
  /** Enabled subscriptions per WebSocket connection (Twitch: 300). */
  readonly subscriptionsPerConnection: number;
  /** Connections with enabled subscriptions per client id + user (Twitch: 3). */
  readonly connectionsPerUser: number;
  /** Enabled subscriptions with the same type, version and condition per client id (Twitch: 3). */
  readonly sameConditionPerClient: number;
  /** `max_total_cost` per client id + user for WebSocket subscriptions (Twitch: 10). */
  readonly maxTotalCost: number;
}

/** The defaults: Twitch's documented numbers. */
export const TWITCH_EVENTSUB_LIMITS: EventSubLimits = {
  subscriptionsPerConnection: 300,
  connectionsPerUser: 3,
  sameConditionPerClient: 3,
  maxTotalCost: 10,
};

const ENDPOINT = 'eventsub/subscriptions';

/**
 * `POST`, `GET` and `DELETE /eventsub/subscriptions` for WebSocket transports, with Twitch's checks
 * and limits. A connection counts towards the per-user connection limit while it has an enabled
 * subscription of that client id + user, that is, while Twitch believes the socket is connected.
 */
export class EventSubRoutes {
  constructor(
    private readonly gate: HelixRequestGate,
    private readonly registry: SubscriptionRegistry,
    private readonly sockets: EventSubSocketServer,
    private readonly limits: EventSubLimits,
  ) {}

  /** Answers a request to `/eventsub/subscriptions`. */
  async handle(exchange: HttpExchange): Promise<void> {
    const token = await this.gate.admit(exchange, ENDPOINT);
    switch (exchange.method) {
      case 'POST':
        return exchange.sendJson(202, await this.create(exchange, token));
      case 'GET':
        return exchange.sendJson(200, this.list(exchange.url.searchParams, token));
      case 'DELETE':
        this.remove(exchange.url.searchParams, token);
        return exchange.sendEmpty(204);
      default:
        throw new TwitchHttpError(405, 'Method Not Allowed');
    }
  }

  private async create(
    exchange: HttpExchange,
    token: AccessTokenInfo,
  ): Promise<Record<string, unknown>> {
    const body = await exchange.json();
    const transport = (body.transport ?? {}) as { method?: unknown; session_id?: unknown };
    if (transport.method !== 'websocket') {
      throw new TwitchHttpError(400, 'The simulator serves the websocket transport only');
    }
    const userId = token.userId;
    if (userId === null) {
      throw new TwitchHttpError(400, 'The websocket transport needs a user access token');
    }
    const spec = subscriptionTypeSpec(String(body.type), String(body.version));
    if (!spec) {
      throw new TwitchHttpError(
        400,
        'The combination of values in the type and version fields is not valid',
      );
    }
    const normalised = normaliseCondition(spec, body.condition);
    if ('problem' in normalised) throw new TwitchHttpError(400, normalised.problem);
    const { condition } = normalised;
    const scoped =
      spec.scopes.length === 0 || spec.scopes.some((scope) => token.scopes.includes(scope));
    if (!scoped || !spec.authorizes(condition, userId)) {
      throw new TwitchHttpError(403, 'subscription missing proper authorization');
    }
    const session = this.sockets.session(String(transport.session_id ?? ''));
    if (!session || !session.isOpen || session.state === 'replaced') {
      throw new TwitchHttpError(
        400,
        'websocket transport session does not exist or has already disconnected',
      );
    }

    const onSession = this.registry.enabledOnSession(session.id);
    const sameKind = (sub: StoredSubscription): boolean =>
      sub.type === spec.type &&
      sub.version === spec.version &&
      sameCondition(sub.condition, condition);
    if (onSession.some(sameKind)) throw new TwitchHttpError(409, 'subscription already exists');
    if (onSession.length >= this.limits.subscriptionsPerConnection) {
      throw new TwitchHttpError(429, 'websocket transport session subscription limit exceeded');
    }
    const ofUser = this.registry.enabledFor(token.clientId, userId);
    const otherConnections = new Set(
      ofUser.map((sub) => sub.sessionId).filter((id) => id !== session.id),
    );
    if (otherConnections.size >= this.limits.connectionsPerUser) {
      throw new TwitchHttpError(429, 'number of websocket transports limit exceeded');
    }
    const sameCount = this.registry
      .all()
      .filter(
        (sub) => sub.status === 'enabled' && sub.clientId === token.clientId && sameKind(sub),
      ).length;
    if (sameCount >= this.limits.sameConditionPerClient) {
      throw new TwitchHttpError(429, 'subscription limit exceeded for this type and condition');
    }
    // Subscriptions about the token's own user are free; others cost 1 of max_total_cost.
    const cost = Object.values(condition).includes(userId) ? 0 : 1;
    if (totalCost(ofUser) + cost > this.limits.maxTotalCost) {
      throw new TwitchHttpError(429, 'total cost exceeded');
    }

    const sub: StoredSubscription = {
      id: randomId(),
      type: spec.type,
      version: spec.version,
      condition,
      clientId: token.clientId,
      userId,
      cost,
      createdAt: eventSubTime(),
      status: 'enabled',
      sessionId: session.id,
      connectedAt: session.connectedAt,
      disconnectedAt: null,
    };
    this.registry.add(sub);
    const mine = this.registry.enabledFor(token.clientId, userId);
    return {
      data: [describeSubscription(sub)],
      total: mine.length,
      total_cost: totalCost(mine),
      max_total_cost: this.limits.maxTotalCost,
    };
  }

  private list(query: URLSearchParams, token: AccessTokenInfo): Record<string, unknown> {
    const mine = this.registry
      .all()
      .filter(
        (sub) =>
          sub.clientId === token.clientId && (token.userId === null || sub.userId === token.userId),
      );
    const status = query.get('status');
    const type = query.get('type');
    const userId = query.get('user_id');
    const id = query.get('subscription_id');
    const data = mine.filter(
      (sub) =>
        (!status || sub.status === status) &&
        (!type || sub.type === type) &&
        (!userId || Object.values(sub.condition).includes(userId)) &&
        (!id || sub.id === id),
    );
    return {
      data: data.map(describeSubscription),
      // Twitch's total counts every subscription the client created, whatever the filter.
      total: mine.length,
      total_cost: totalCost(mine.filter((sub) => sub.status === 'enabled')),
      max_total_cost: this.limits.maxTotalCost,
      pagination: {},
    };
  }

  private remove(query: URLSearchParams, token: AccessTokenInfo): void {
    const id = query.get('id');
    if (!id) throw new TwitchHttpError(400, 'Missing required parameter "id"');
    const sub = this.registry.get(id);
    if (!sub || sub.clientId !== token.clientId)
      throw new TwitchHttpError(404, 'subscription not found');
    this.registry.delete(id);
  }
}

function sameCondition(a: Condition, b: Condition): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((key) => (a[key] ?? '') === (b[key] ?? ''));
}

function totalCost(subs: StoredSubscription[]): number {
  return subs.reduce((sum, sub) => sum + sub.cost, 0);
}
