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
    case 'channel.channel_points_custom_reward_redemption.add': {
      const reward = (data.reward ?? {}) as Record<string, unknown>;
      return {
        user,
        reward: typeof reward.title === 'string' ? reward.title : undefined,
        cost: typeof reward.cost === 'number' ? reward.cost : undefined,
        input: text('user_input'),
      };
    }
    case 'channel.goal.begin':
      return {
        goalType: text('type'),
        target: number('target_amount'),
        description: text('description'),
      };
    case 'channel.goal.progress':
      return { goalType: text('type'), amount: number('current_amount') };
    case 'channel.goal.end':
      return { goalType: text('type') };
    case 'channel.poll.begin':
      return { title: text('title'), choices: titles(data.choices) };
    case 'channel.prediction.begin':
      return { title: text('title'), outcomes: titles(data.outcomes) };
    case 'channel.poll.end':
    case 'channel.prediction.end':
      return { status: text('status') };
    // The simulator's own hype train, vote, prediction or lock: the sample's numbers would not
    // add up with the simulator's running one.
    case 'channel.hype_train.begin':
    case 'channel.hype_train.progress':
    case 'channel.hype_train.end':
    case 'channel.poll.progress':
    case 'channel.prediction.progress':
    case 'channel.prediction.lock':
      return {};
  }
}

/** The titles of a sample's poll choices or prediction outcomes. */
function titles(items: unknown): string[] | undefined {
  if (!Array.isArray(items)) return undefined;
  const found = items
    .map((item) => (item as { title?: unknown }).title)
    .filter((title): title is string => typeof title === 'string');
  return found.length > 0 ? found : undefined;
}

/** A sample login the simulator accepts, or undefined to let it pick a new viewer. */
function login(value: string | undefined): string | undefined {
  return value && /^[a-z0-9_]{1,25}$/i.test(value) ? value : undefined;
}
