import type { ChannelDirectory } from './channel-directory.js';
import type { ChannelEventSource } from './channel-event-source.js';
import type { SimulatedEventType } from './event-types.js';
import type { EventObject } from './event-payloads.js';
import type { EventSubOutage } from './eventsub-outage.js';
import type { EventSubSocketServer } from './eventsub-socket-server.js';
import type { ChannelSnapshot, SimulatedTrigger, TriggerResult } from './simulator-types.js';
import type { SubscriptionRegistry } from './subscription-registry.js';
import type { ProducedEvent } from './trigger-options.js';
import { SimulatorInputError, type SimulatedUser, type UserDirectory } from './user-directory.js';

/**
 * What happens on channels, seen from outside: triggering a happening and delivering its
 * notifications to the subscriptions that ask for them, and reading or setting a channel's numbers.
 */
export class ChannelControl {
  constructor(
    private readonly users: UserDirectory,
    private readonly channels: ChannelDirectory,
    private readonly source: ChannelEventSource,
    private readonly registry: SubscriptionRegistry,
    private readonly sockets: EventSubSocketServer,
    private readonly outage: EventSubOutage,
    private readonly broadcaster: SimulatedUser,
  ) {}

  /**
   * Makes something happen and delivers its notifications; during an EventSub outage the channel
   * changes all the same, and the notifications are lost (Twitch does not replay them).
   */
  trigger(type: SimulatedEventType, options: SimulatedTrigger = {}): TriggerResult {
    const { duplicate, ...happening } = options;
    if (duplicate !== undefined && duplicate !== 'same-id' && duplicate !== 'new-id') {
      throw new SimulatorInputError(
        `duplicate must be same-id or new-id, not ${String(duplicate)}`,
      );
    }
    return this.send(this.source.produce(type, happening), duplicate);
  }

  /**
   * Delivers `event` exactly as given (a payload captured from Twitch, or what the Twitch CLI's
   * `event trigger` sends) to the subscriptions of `type` whose condition it matches. The channel's
   * numbers do not change, and during an outage nothing is delivered.
   */
  deliver(type: SimulatedEventType, event: EventObject): TriggerResult {
    return this.send([{ type, event }]);
  }

  /**
   * Sends each event's notification to the subscriptions that ask for it (twice when asked);
   * during an EventSub outage none go out and they are lost, as on Twitch.
   */
  private send(events: ProducedEvent[], duplicate?: 'same-id' | 'new-id'): TriggerResult {
    if (this.outage.active) {
      this.outage.recordMissed(events);
      return { events, delivered: 0, outage: true };
    }
    let delivered = 0;
    for (const produced of events) {
      for (const sub of this.registry.matching(produced.type, produced.event)) {
        delivered += this.sockets.deliver(sub, produced.event, duplicate);
      }
    }
    return { events, delivered, outage: false };
  }

  /** The user with this login or id, made up if unknown. */
  user(loginOrId: string): SimulatedUser {
    return this.users.resolve(loginOrId);
  }

  /** A channel's numbers (the default broadcaster's when omitted). */
  channel(broadcaster?: string): ChannelSnapshot {
    const channel = this.channels.of(this.users.resolveOr(broadcaster, this.broadcaster));
    return {
      broadcasterId: channel.broadcaster.id,
      live: channel.stream !== null,
      viewers: channel.viewerCount,
      followers: channel.followerCount,
      subs: channel.subscriberCount,
      subPoints: channel.subPoints,
      bits: channel.bitsCheered,
      title: channel.title,
      game: channel.gameName,
      startedAt: channel.stream?.startedAt.toISOString() ?? null,
    };
  }

  /** Sets the viewer count Helix `/streams` reports. */
  setViewerCount(count: number, broadcaster?: string): void {
    if (!Number.isInteger(count) || count < 0) {
      throw new SimulatorInputError(
        `viewer count must be a whole number of at least 0, not ${String(count)}`,
      );
    }
    this.channels.of(this.users.resolveOr(broadcaster, this.broadcaster)).viewerCount = count;
  }
}
