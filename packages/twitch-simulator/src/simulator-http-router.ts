import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthRoutes } from './auth-routes.js';
import type { ControlRoutes } from './control-routes.js';
import type { EventSubRoutes } from './eventsub-routes.js';
import type { HelixRoutes } from './helix-routes.js';
import type { ImageRoutes } from './image-routes.js';
import { HttpExchange, TwitchHttpError } from './http-exchange.js';
import { SimulatorInputError } from './user-directory.js';

/** The route handlers one simulator serves. */
export interface SimulatorRouteHandlers {
  readonly helix: HelixRoutes;
  readonly eventSub: EventSubRoutes;
  readonly auth: AuthRoutes;
  readonly control: ControlRoutes;
  readonly images: ImageRoutes;
}

/**
 * Sends each HTTP request to its routes by path (Twurple's mock layout, `/control/`, and the
 * images of emotes, cheermotes and charities in their CDNs' layouts) and
 * answers failures in Twitch's error shape: 400 for bad input, 500 (logged) for the simulator's
 * own faults.
 */
export class SimulatorHttpRouter {
  constructor(
    private readonly routes: SimulatorRouteHandlers,
    private readonly log: (message: string) => void,
  ) {}

  /** Answers one request; never throws. */
  handle(request: IncomingMessage, response: ServerResponse): void {
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
    const { helix, eventSub, auth, control, images } = this.routes;
    const path = exchange.url.pathname.replace(/\/+$/, '') || '/';
    if (path.startsWith('/mock/')) return helix.handle(exchange, path.slice('/mock/'.length));
    if (path === '/eventsub/subscriptions') return eventSub.handle(exchange);
    if (path.startsWith('/auth/')) return auth.handle(exchange, path.slice('/auth/'.length));
    if (path === '/activate') return auth.handleActivate(exchange);
    if (path.startsWith('/control/'))
      return control.handle(exchange, path.slice('/control/'.length));
    if (images.serves(path)) return images.handle(exchange, path);
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
