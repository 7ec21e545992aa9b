import { BadRequestException, Injectable } from '@nestjs/common';
import { TwitchSimulator, type TriggerOptions } from '@twitch-realtime/twitch-simulator';
import type { TwitchEventData } from '../alerts/alerts-api.js';
import { TestAlertSender, type SentTestAlert } from '../alerts/test-alert-sender.js';
import type { TwitchEventType } from '../contract/twitch-events.js';

/**
 * Demo mode's test alerts: the dashboard's test buttons make the built-in simulator produce the
 * event, which then takes the real path — EventSub notification, Twurple, the bus — like any follow.
 * The numbers move too: in demo mode a test follow is a follow.
 */
@Injectable()
export class SimulatorTestAlertSender extends TestAlertSender {
  constructor(private readonly simulator: TwitchSimulator) {
    super();
  }

  override send(event: TwitchEventType, data: TwitchEventData): Promise<SentTestAlert> {
    let produced;
    try {
      produced = this.simulator.trigger(event, triggerOptions(event, data)).events;
    } catch (error) {
      // The simulator refuses what Twitch could not send (say, a raid of no one): the sender's fault.
      throw new BadRequestException(`The simulator cannot send that: ${String(error)}`);
    }
    // What clients get is the simulator's event (its viewer, its times), not the sample.
    const sent = produced.find((candidate) => candidate.type === event)?.event ?? data;
    return Promise.resolve({ id: null, data: sent });
  }
}

/** The simulator's trigger options that reproduce the dashboard's sample (who, how much). */
function triggerOptions(event: TwitchEventType, data: TwitchEventData): TriggerOptions {
  const text = (name: string) =>
    typeof data[name] === 'string' ? (data[name] as string) : undefined;
  const number = (name: string) =>
    typeof data[name] === 'number' ? (data[name] as number) : undefined;
  const user = login(text(event === 'channel.raid' ? 'from_broadcaster_user_login' : 'user_login'));
  const anonymous = data.is_anonymous === true;
  switch (event) {
    case 'channel.follow':
      return { user };
    case 'channel.subscribe':
      return { user, tier: text('tier'), gift: data.is_gift === true };
    case 'channel.subscription.gift':
      return {
        user: anonymous ? undefined : user,
        total: number('total'),
        tier: text('tier'),
        anonymous,
      };
    case 'channel.cheer':
      return {
        user: anonymous ? undefined : user,
        bits: number('bits'),
        message: text('message'),
        anonymous,
      };
    case 'channel.raid':
      return { user, viewers: number('viewers') };
    case 'stream.online':
    case 'stream.offline':
      return {};
  }
}

/** A sample login the simulator accepts, or undefined to let it pick a new viewer. */
function login(value: string | undefined): string | undefined {
  return value && /^[a-z0-9_]{1,25}$/i.test(value) ? value : undefined;
}
