import {
  ForbiddenException,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import type { Request } from 'express';
import { AppConfig } from '../config/app-config.js';

/** Host names that mean "this machine". */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Guards routes that change state (sign-in, test events, alert control).
 *
 * With `ADMIN_TOKEN` set, a request must carry it (`Authorization: Bearer …` or `X-Admin-Token`).
 * Without it, only this machine may call them: the connection must come from loopback and name a
 * loopback host (a web page on another site cannot reach them through DNS tricks). In both cases a
 * browser request from another site (an `Origin` that is not this host) is refused, so a page the
 * streamer happens to visit cannot fire alerts.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (isCrossSite(request)) {
      throw new ForbiddenException('Admin routes do not accept requests from other sites.');
    }
    const { adminToken } = this.config.values;
    if (adminToken) {
      if (!carriesToken(request, adminToken)) {
        throw new UnauthorizedException(
          'This admin route needs the admin token: send "Authorization: Bearer <ADMIN_TOKEN>".',
        );
      }
      return true;
    }
    if (!isLoopback(request)) {
      throw new UnauthorizedException(
        'Admin routes answer only this machine while ADMIN_TOKEN is unset. Set ADMIN_TOKEN to use them from elsewhere.',
      );
    }
    return true;
  }
}

function carriesToken(request: Request, expected: string): boolean {
  const header = request.headers.authorization;
  const bearer =
    typeof header === 'string' && header.startsWith('Bearer ') ? header.slice(7) : undefined;
  const given = bearer ?? request.headers['x-admin-token'];
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function isLoopback(request: Request): boolean {
  const address = request.socket.remoteAddress ?? '';
  const fromLoopback =
    address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
  return fromLoopback && LOOPBACK_HOSTS.has(hostName(request.headers.host ?? ''));
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

/** `localhost:3000` → `localhost`, `[::1]:3000` → `[::1]`. */
function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}
