import type { AddressInfo } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

/** Where the service can be reached, for the start banner. */
export interface ListenAddress {
  /** A URL that works: `http://localhost:3000` on loopback, else an address of this machine. */
  readonly url: string;
  /** Whether it listens on every interface (HOST=0.0.0.0 or ::), so `url` is one example of several. */
  readonly allInterfaces: boolean;
  /** Whether other machines can reach it (it listens on more than loopback). */
  readonly reachableFromNetwork: boolean;
}

/**
 * The address the server is bound to, as a streamer would type it: `localhost` for loopback, the
 * host itself otherwise, and for all interfaces one of this machine's network addresses (from
 * `interfaces`, `os.networkInterfaces()`) as an example.
 */
export function listenAddress(
  bound: AddressInfo,
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
): ListenAddress {
  const { address, port } = bound;
  if (isLoopback(address)) {
    return { url: `http://localhost:${port}`, allInterfaces: false, reachableFromNetwork: false };
  }
  const allInterfaces = address === '0.0.0.0' || address === '::';
  const host = allInterfaces
    ? (exampleAddress(interfaces, address === '::') ?? 'localhost')
    : address;
  return { url: `http://${bracketed(host)}:${port}`, allInterfaces, reachableFromNetwork: true };
}

/**
 * The one warning for a service open to the network without ADMIN_TOKEN: what anyone who reaches
 * the port can read, and how to close it. Null on loopback, or when ADMIN_TOKEN is set.
 */
export function networkExposureWarning(
  host: string,
  where: ListenAddress,
  port: number,
  adminToken: string,
): string | null {
  if (!where.reachableFromNetwork || adminToken !== '') return null;
  const reach = where.allInterfaces ? 'all interfaces' : host;
  return `HOST=${host} serves ${reach} and ADMIN_TOKEN is not set: any device that reaches port ${port} can read the event history with viewers' names and messages (/api/events, from any web site too), /api/health, /metrics and your media file names. If OBS runs on this machine, set HOST=127.0.0.1. If other devices need the service, keep this port on a network you trust (never the internet) and set ADMIN_TOKEN, which lets the dashboard's buttons work from them and ends this warning (the reads above stay open: widgets need them). See "Security notes" in the README.`;
}

function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address === '::ffff:127.0.0.1';
}

/** A network address of this machine other devices may use: IPv4 first (what people type). */
function exampleAddress(
  interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>,
  ipv6Too: boolean,
): string | undefined {
  const external = Object.values(interfaces)
    .flatMap((list) => list ?? [])
    .filter((info) => !info.internal);
  const ipv4 = external.find((info) => info.family === 'IPv4');
  const ipv6 = external.find((info) => info.family === 'IPv6' && !info.address.startsWith('fe80'));
  return ipv4?.address ?? (ipv6Too ? ipv6?.address : undefined);
}

function bracketed(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
