import type { IncomingMessage } from 'node:http';

/** Host names that mean "this machine". */
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * Headers that reverse proxies add (nginx, Caddy, Traefik, Apache, HAProxy, Cloudflare). A request
 * that carries one came through a proxy: its connection from 127.0.0.1 says nothing about where
 * the client is.
 */
const PROXY_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-real-ip',
  'x-forwarded-host',
  'x-forwarded-proto',
  'via',
];

/**
 * The client's address: the connection's own, or, with `trustProxy` (TRUST_PROXY), the last entry
 * of X-Forwarded-For — the one the proxy in front appended; anything before it the client may
 * have written itself.
 */
export function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  const socketAddress = unmapped(request.socket.remoteAddress ?? '');
  if (!trustProxy) return socketAddress;
  return lastForwardedFor(request) ?? socketAddress;
}

/** Whether a request came through a proxy (it carries one of the headers proxies add). */
export function cameThroughProxy(request: IncomingMessage): boolean {
  return PROXY_HEADERS.some((name) => request.headers[name] !== undefined);
}

/**
 * Whether a request comes from this machine and names it: a loopback connection with a loopback
 * Host (so a web page on another site cannot get here through DNS rebinding). A request that came
 * through a proxy does not, unless the proxy is trusted (`trustProxy`) and every client address it
 * reports — the last X-Forwarded-For entry, the last `Forwarded: for=`, X-Real-IP — is loopback.
 */
export function isFromThisMachine(request: IncomingMessage, trustProxy: boolean): boolean {
  if (!isLoopbackAddress(request.socket.remoteAddress ?? '')) return false;
  if (!LOOPBACK_HOSTS.has(hostName(request.headers.host ?? ''))) return false;
  if (!cameThroughProxy(request)) return true;
  if (!trustProxy) return false;
  const reported = [lastForwardedFor(request), lastForwardedFrom(request), realIp(request)].filter(
    (address): address is string => address !== undefined,
  );
  return reported.length > 0 && reported.every(isLoopbackAddress);
}

function lastForwardedFor(request: IncomingMessage): string | undefined {
  const entries = headerValues(request, 'x-forwarded-for').flatMap((value) => value.split(','));
  const last = entries[entries.length - 1]?.trim();
  return last ? unmapped(bare(last)) : undefined;
}

/** The last `for=` of RFC 7239's `Forwarded` (`for=192.0.2.1`, `for="[2001:db8::1]:4711"`). */
function lastForwardedFrom(request: IncomingMessage): string | undefined {
  const matches = headerValues(request, 'forwarded')
    .join(',')
    .matchAll(/(?:^|[;,\s])for=("[^"]*"|[^;,\s]*)/gi);
  const last = [...matches].pop()?.[1];
  return last === undefined ? undefined : unmapped(bare(last.replace(/"/g, '')));
}

function realIp(request: IncomingMessage): string | undefined {
  const value = headerValues(request, 'x-real-ip')[0]?.trim();
  return value ? unmapped(bare(value)) : undefined;
}

function headerValues(request: IncomingMessage, name: string): string[] {
  const value = request.headers[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** `[::1]:4711` → `::1`, `192.0.2.1:4711` → `192.0.2.1`, `::1` → `::1`. */
function bare(address: string): string {
  if (address.startsWith('[')) return address.slice(1, address.indexOf(']'));
  const colons = address.split(':').length - 1;
  return colons === 1 ? (address.split(':')[0] ?? address) : address;
}

/** `::ffff:127.0.0.1` → `127.0.0.1` (an IPv4 client of a dual-stack socket). */
function unmapped(address: string): string {
  return address.toLowerCase().startsWith('::ffff:') && address.includes('.')
    ? address.slice(7)
    : address;
}

function isLoopbackAddress(address: string): boolean {
  const plain = unmapped(address);
  return plain === '::1' || /^127\.\d+\.\d+\.\d+$/.test(plain);
}

/** `localhost:3000` → `localhost`, `[::1]:3000` → `[::1]`. */
function hostName(host: string): string {
  const lower = host.toLowerCase();
  return lower.startsWith('[')
    ? lower.slice(0, lower.indexOf(']') + 1)
    : (lower.split(':')[0] ?? '');
}
