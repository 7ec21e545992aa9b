import { TwitchHttpError, type HttpExchange } from './http-exchange.js';

/** Host names that mean "this machine". */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Refuses a control request that a web page could have sent: one naming a host other than this
 * machine (a page on a DNS-rebinding domain that resolves to 127.0.0.1), one from another site's
 * page (its `Origin`), and a POST that is not JSON (a form or a `text/plain` fetch needs no CORS
 * preflight; `application/json` does, and the simulator answers none). The service's admin guard
 * applies the same rules; the simulator keeps its own copy because it imports nothing from the
 * service.
 */
export function checkControlRequest(exchange: HttpExchange): void {
  const host = (exchange.header('host') ?? '').toLowerCase();
  if (!LOOPBACK_HOSTS.has(hostName(host))) {
    throw new TwitchHttpError(
      403,
      'The control API answers only requests to this machine (Host: localhost or 127.0.0.1).',
    );
  }
  const origin = exchange.header('origin');
  if (origin !== undefined && origin !== '' && originHost(origin) !== host) {
    throw new TwitchHttpError(403, 'The control API does not accept requests from other sites.');
  }
  if (
    exchange.method === 'POST' &&
    mediaType(exchange.header('content-type')) !== 'application/json'
  ) {
    throw new TwitchHttpError(
      415,
      'Send control requests with a JSON body and Content-Type: application/json.',
    );
  }
}

/** `localhost:3001` → `localhost`, `[::1]:3001` → `[::1]`. */
function hostName(host: string): string {
  return host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
}

/** The `host[:port]` of an Origin header; `null` or garbage is nobody's. */
function originHost(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}

/** `application/json; charset=utf-8` → `application/json`. */
function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}
