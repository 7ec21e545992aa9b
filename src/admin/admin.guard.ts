import {
  ForbiddenException,
  HttpException,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { AppConfig } from '../config/app-config.js';
import { AdminTokenThrottle } from './admin-token-throttle.js';
import { cameThroughProxy, clientAddress, isFromThisMachine } from './client-address.js';

/**
 * Guards routes that change state (sign-in, test events, alert control).
 *
 * With `ADMIN_TOKEN` set, a request must carry it (`Authorization: Bearer …` or `X-Admin-Token`);
 * an address that keeps sending wrong ones is made to wait (429, `Retry-After`). Without it, only
 * this machine may call them: the connection must come from loopback, name a loopback host (a web
 * page on another site cannot reach them through DNS tricks) and not have come through a reverse
 * proxy (unless `TRUST_PROXY` vouches for the client). In both cases a browser request from another
 * site (an `Origin` that is not this host) is refused, so a page the streamer happens to visit
 * cannot fire alerts.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(
    private readonly config: AppConfig,
    private readonly throttle: AdminTokenThrottle,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const http = context.switchToHttp();
    const request = http.getRequest<Request>();
    if (isCrossSite(request)) {
      throw new ForbiddenException('Admin routes do not accept requests from other sites.');
    }
    const { adminToken, trustProxy } = this.config.values;
    if (adminToken) {
      this.checkToken(request, http.getResponse<Response>(), adminToken, trustProxy);
      return true;
    }
    if (!isFromThisMachine(request, trustProxy)) {
      throw new UnauthorizedException(
        cameThroughProxy(request)
          ? 'Admin routes answer only this machine while ADMIN_TOKEN is unset, and this request came through a proxy. Set ADMIN_TOKEN to use them behind a proxy.'
          : 'Admin routes answer only this machine while ADMIN_TOKEN is unset. Set ADMIN_TOKEN to use them from elsewhere.',
      );
    }
    return true;
  }

  private checkToken(
    request: Request,
    response: Response,
    expected: string,
    trustProxy: boolean,
  ): void {
    const address = clientAddress(request, trustProxy);
    const wait = this.throttle.retryAfterSeconds(address);
    if (wait > 0) {
      response.setHeader('Retry-After', String(wait));
      throw new HttpException(
        `Too many wrong admin tokens from this address; try again in ${wait} s.`,
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    const given = tokenOf(request);
    if (given !== undefined && matches(given, expected)) {
      this.throttle.recordSuccess(address);
      return;
    }
    if (given !== undefined) this.throttle.recordFailure(address);
    throw new UnauthorizedException(
      'This admin route needs the admin token: send "Authorization: Bearer <ADMIN_TOKEN>".',
    );
  }
}

/** The token a request carries, as a bearer token or `X-Admin-Token`. */
function tokenOf(request: Request): string | undefined {
  const header = request.headers.authorization;
  const bearer =
    typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
  const given = bearer ?? request.headers['x-admin-token'];
  return typeof given === 'string' ? given : undefined;
}

function matches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isCrossSite(request: Request): boolean {
  const origin = request.headers.origin;
  if (typeof origin !== 'string' || origin === '') return false;
  try {
    return new URL(origin).host !== request.headers.host;
  } catch {
    return true; // "null" or garbage: not our own page
  }
}
