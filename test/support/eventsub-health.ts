import type { HealthReport } from '../../src/health/health-reporter.js';
import { eventually } from './eventually.js';

/** A running service, in-process or built, as far as its health is concerned. */
interface ServiceAddress {
  readonly baseUrl: string;
}

/**
 * Whether the service's EventSub is connected with every subscription enabled (it receives); false
 * while the service does not answer yet.
 */
export async function eventSubReceiving(service: ServiceAddress): Promise<boolean> {
  const health = (await fetch(`${service.baseUrl}/api/health`)
    .then((response) => response.json())
    .catch(() => null)) as HealthReport | null;
  return (
    health?.eventsub?.state === 'connected' &&
    (health.eventsub.subscriptions ?? []).every((subscription) => subscription.status === 'enabled')
  );
}

/** Resolves once the service's EventSub receives (see `eventSubReceiving`). */
export function untilEventSubReceiving(service: ServiceAddress): Promise<void> {
  return eventually(() => eventSubReceiving(service), 'EventSub receiving');
}
