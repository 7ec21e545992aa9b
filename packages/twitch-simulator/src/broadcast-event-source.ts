import { CharityCampaign, currencyCode } from './charity-campaign.js';
import type { ChannelState } from './channel-state.js';
import { adBreakBeginEvent, shoutoutCreateEvent, shoutoutReceiveEvent } from './event-payloads.js';
import { randomId } from './random-ids.js';
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';
import { wholeNumber } from './trigger-values.js';
import { eventSubTime } from './twitch-time.js';
import { SimulatorInputError, type SimulatedUser, type UserDirectory } from './user-directory.js';

/** The event types of ad breaks, shoutouts and charity campaigns. */
export const BROADCAST_EVENT_TYPES = [
  'channel.ad_break.begin',
  'channel.shoutout.create',
  'channel.shoutout.receive',
  'channel.charity_campaign.donate',
  'channel.charity_campaign.start',
  'channel.charity_campaign.progress',
  'channel.charity_campaign.stop',
] as const;

/** One of the event types of ad breaks, shoutouts and charity campaigns. */
export type BroadcastEventType = (typeof BROADCAST_EVENT_TYPES)[number];

/** Whether `type` is one of the event types of ad breaks, shoutouts and charity campaigns. */
export function isBroadcastEventType(type: string): type is BroadcastEventType {
  return (BROADCAST_EVENT_TYPES as readonly string[]).includes(type);
}

/** Twitch's cooldowns: a channel gives a shoutout every 2 minutes, the same channel one an hour. */
const SHOUTOUT_COOLDOWN_MS = 2 * 60_000;
const SHOUTOUT_TARGET_COOLDOWN_MS = 60 * 60_000;

/**
 * What a broadcast runs besides chat: ad breaks (while live), shoutouts given and received, and a
 * charity campaign's life (start, donations, progress, stop). The cooldowns of shoutouts are
 * reported in their events but not enforced, so tests can shout out as often as they like.
 */
export class BroadcastEventSource {
  constructor(
    private readonly users: UserDirectory,
    private readonly channelOf: (broadcaster: SimulatedUser) => ChannelState,
    /** `http://localhost:PORT`, where the simulator serves the charity's logo. */
    private readonly imageBase: () => string,
  ) {}

  /** Applies one happening and returns its events, in Twitch's order. */
  produce(
    type: BroadcastEventType,
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent[] {
    switch (type) {
      case 'channel.ad_break.begin':
        return [this.adBreak(channel, options, now)];
      case 'channel.shoutout.create': {
        const to = this.otherChannel(channel, options.user);
        return this.shoutout(channel, this.channelOf(to), options, now);
      }
      case 'channel.shoutout.receive': {
        const from = this.otherChannel(channel, options.user);
        return this.shoutout(this.channelOf(from), channel, options, now);
      }
      case 'channel.charity_campaign.start':
        if (channel.charity) {
          throw new SimulatorInputError(
            'a charity campaign is running already: stop it first (channel.charity_campaign.stop)',
          );
        }
        return [this.startCharity(channel, options, now)];
      case 'channel.charity_campaign.donate': {
        const { campaign, started } = this.runningCharity(channel, now);
        const value = wholeNumber('amount', options.amount, 500, 1, 100_000_000);
        const donor = this.users.resolve(options.user);
        campaign.currentValue += value;
        const broadcaster = channel.broadcaster;
        return [
          ...started,
          { type, event: campaign.donationEvent(randomId(), donor, broadcaster, value) },
          {
            type: 'channel.charity_campaign.progress',
            event: campaign.progressEvent(broadcaster),
          },
        ];
      }
      case 'channel.charity_campaign.progress': {
        const { campaign, started } = this.runningCharity(channel, now);
        if (options.amount !== undefined) {
          campaign.currentValue = wholeNumber('amount', options.amount, 0, 0, 10_000_000_000);
        }
        if (options.target !== undefined) {
          campaign.targetValue = wholeNumber('target', options.target, 0, 1, 10_000_000_000);
        }
        return [...started, { type, event: campaign.progressEvent(channel.broadcaster) }];
      }
      case 'channel.charity_campaign.stop': {
        const { campaign, started } = this.runningCharity(channel, now);
        channel.charity = null;
        return [...started, { type, event: campaign.stopEvent(channel.broadcaster, now) }];
      }
    }
  }

  /** An ad break of `seconds` (Twitch's are 30 to 180; 0 is taken to test clients with it). */
  private adBreak(channel: ChannelState, options: TriggerOptions, now: Date): ProducedEvent {
    if (!channel.stream) {
      throw new SimulatorInputError('an ad break needs a live stream: trigger stream.online first');
    }
    const seconds = wholeNumber('seconds', options.seconds, 60, 0, 180);
    const automatic = options.automatic === true;
    const broadcaster = channel.broadcaster;
    const requester =
      automatic || options.user === undefined ? broadcaster : this.users.resolve(options.user);
    return {
      type: 'channel.ad_break.begin',
      event: adBreakBeginEvent(broadcaster, requester, seconds, eventSubTime(now), automatic),
    };
  }

  /**
   * `from` shouts out `to` (its broadcaster as the moderator): `channel.shoutout.create` on the
   * giving channel, then `channel.shoutout.receive` on the other. `viewers` defaults to the giving
   * channel's viewers while live, else 10.
   */
  private shoutout(
    from: ChannelState,
    to: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent[] {
    const watching = from.stream && from.viewerCount > 0 ? from.viewerCount : 10;
    const viewers = wholeNumber('viewers', options.viewers, watching, 0, 10_000_000);
    const at = now.getTime();
    const startedAt = eventSubTime(now);
    return [
      {
        type: 'channel.shoutout.create',
        event: shoutoutCreateEvent(
          from.broadcaster,
          to.broadcaster,
          from.broadcaster,
          viewers,
          startedAt,
          eventSubTime(new Date(at + SHOUTOUT_COOLDOWN_MS)),
          eventSubTime(new Date(at + SHOUTOUT_TARGET_COOLDOWN_MS)),
        ),
      },
      {
        type: 'channel.shoutout.receive',
        event: shoutoutReceiveEvent(to.broadcaster, from.broadcaster, viewers, startedAt),
      },
    ];
  }

  private otherChannel(channel: ChannelState, user: string | undefined): SimulatedUser {
    const other = this.users.resolve(user);
    if (other.id === channel.broadcaster.id) {
      throw new SimulatorInputError('a channel cannot shout itself out: name another with user');
    }
    return other;
  }

  private startCharity(channel: ChannelState, options: TriggerOptions, now: Date): ProducedEvent {
    const id = randomId();
    const name = (options.charity ?? 'Simulated Relief Fund').trim();
    if (name === '' || name.length > 100) {
      throw new SimulatorInputError('charity must be a name of 1 to 100 characters');
    }
    const campaign = new CharityCampaign(
      id,
      {
        name,
        description: 'A charity that exists only in the Twitch simulator.',
        logo: `${this.imageBase()}/charity-logos/${id}/100.png`,
        website: 'https://www.example.org/charity',
      },
      currencyCode(options.currency),
      wholeNumber('amount', options.amount, 0, 0, 10_000_000_000),
      wholeNumber('target', options.target, 150_000, 1, 10_000_000_000),
    );
    channel.charity = campaign;
    return {
      type: 'channel.charity_campaign.start',
      event: campaign.startEvent(channel.broadcaster, now),
    };
  }

  /** The running campaign, started now (its start event sent first) when none runs. */
  private runningCharity(
    channel: ChannelState,
    now: Date,
  ): { campaign: CharityCampaign; started: ProducedEvent[] } {
    if (channel.charity) return { campaign: channel.charity, started: [] };
    const started = [this.startCharity(channel, {}, now)];
    return { campaign: channel.charity as unknown as CharityCampaign, started };
  }
}
