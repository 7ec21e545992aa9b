import type { ChannelState } from './channel-state.js';
import { bitsUseEvent, cheerEvent, type EventObject, type PowerUpFacts } from './event-payloads.js';
import { bitsMessage, hasEmote } from './message-fragments.js';
import { emoteByCode, SIMULATED_EMOTES } from './simulated-emotes.js';
import { ANONYMOUS_CHEERER } from './simulator-constants.js';
import type { ProducedEvent, TriggerOptions } from './trigger-options.js';
import { oneOf, wholeNumber } from './trigger-values.js';
import { SimulatorInputError, type UserDirectory } from './user-directory.js';

/** The event types of Bits used in a channel. */
export const BITS_EVENT_TYPES = ['channel.cheer', 'channel.bits.use'] as const;

/** One of the event types of Bits used. */
export type BitsEventType = (typeof BITS_EVENT_TYPES)[number];

/** Whether `type` is one of the event types of Bits used. */
export function isBitsEventType(type: string): type is BitsEventType {
  return (BITS_EVENT_TYPES as readonly string[]).includes(type);
}

const BITS_USE_TYPES = ['cheer', 'power_up', 'combo'] as const;
const POWER_UP_TYPES = ['message_effect', 'gigantify_an_emote', 'celebration'] as const;

/** Bits a Power-up costs by default (a channel may set its own prices). */
const POWER_UP_BITS: Readonly<Record<PowerUpFacts['type'], number>> = {
  message_effect: 10,
  gigantify_an_emote: 30,
  celebration: 60,
};

/** The emote gigantified or celebrated when none is named: the default broadcaster's animated one. */
const DEFAULT_POWER_UP_EMOTE = SIMULATED_EMOTES[SIMULATED_EMOTES.length - 1];

/**
 * Bits used in a channel, sent as Twitch sends them. A cheer is both a `channel.cheer` and a
 * `channel.bits.use` of type `cheer` (Twitch sends both; a client subscribed to both sees each
 * cheer twice), whichever of the two is triggered. Power-ups and Combos are `channel.bits.use`
 * only. Every Bit counts on the channel's Bits (Helix's leaderboard and `channel().bits`).
 */
export class BitsEventSource {
  constructor(private readonly users: UserDirectory) {}

  /** Applies one use of Bits and returns its events. */
  produce(
    type: BitsEventType,
    channel: ChannelState,
    options: TriggerOptions,
    now: Date,
  ): ProducedEvent[] {
    const kind = oneOf(
      'type',
      options.bitsType ?? (options.powerUp ? 'power_up' : undefined),
      BITS_USE_TYPES,
    );
    if (type === 'channel.cheer' && kind !== undefined && kind !== 'cheer') {
      throw new SimulatorInputError(
        `a ${kind} is not a cheer: trigger channel.bits.use --type ${kind}`,
      );
    }
    switch (kind ?? 'cheer') {
      case 'cheer':
        return this.cheer(channel, options, now);
      case 'power_up':
        return [this.powerUp(channel, options, now)];
      case 'combo':
        return [this.combo(channel, options, now)];
    }
  }

  /**
   * A cheer: `channel.cheer`, then `channel.bits.use`. The message is used as given (default
   * `Cheer<bits> Keep it up!`); its `Cheer<n>` words are the cheermote fragments.
   */
  private cheer(channel: ChannelState, options: TriggerOptions, now: Date): ProducedEvent[] {
    const user = options.anonymous ? null : this.users.resolve(options.user);
    const bits = wholeNumber('bits', options.bits, 100, 1, 1_000_000);
    const text = options.message ?? `Cheer${bits} Keep it up!`;
    channel.cheer(user, bits, now);
    const broadcaster = channel.broadcaster;
    // channel.bits.use has no anonymous form: Twitch names AnAnonymousCheerer.
    const spender =
      user ?? this.users.findById(ANONYMOUS_CHEERER.id) ?? this.users.add({ ...ANONYMOUS_CHEERER });
    return [
      { type: 'channel.cheer', event: cheerEvent(user, broadcaster, bits, text) },
      {
        type: 'channel.bits.use',
        event: bitsUseEvent(spender, broadcaster, bits, 'cheer', null, bitsMessage(text, true)),
      },
    ];
  }

  private powerUp(channel: ChannelState, options: TriggerOptions, now: Date): ProducedEvent {
    const user = this.users.resolve(options.user);
    const type = oneOf('power-up', options.powerUp, POWER_UP_TYPES) ?? 'message_effect';
    const bits = wholeNumber('bits', options.bits, POWER_UP_BITS[type], 1, 1_000_000);
    let powerUp: PowerUpFacts;
    let message: EventObject | null;
    if (type === 'message_effect') {
      powerUp = { type, emote: null, messageEffectId: effectOf(options.effect) };
      message = bitsMessage(options.message ?? 'Look at my message!', false);
    } else {
      const emote = emoteOf(options.emote);
      powerUp = { type, emote: { id: emote.id, name: emote.code }, messageEffectId: null };
      // A gigantified emote is sent in a message of its own; a celebration has none.
      const text = options.message ?? emote.code;
      message =
        type === 'gigantify_an_emote'
          ? bitsMessage(hasEmote(text, emote.code) ? text : `${text} ${emote.code}`, false)
          : null;
    }
    channel.cheer(user, bits, now);
    return {
      type: 'channel.bits.use',
      event: bitsUseEvent(user, channel.broadcaster, bits, 'power_up', powerUp, message),
    };
  }

  /** A Combo: a viewer joins an emote combo; no message, no Power-up. */
  private combo(channel: ChannelState, options: TriggerOptions, now: Date): ProducedEvent {
    const user = this.users.resolve(options.user);
    const bits = wholeNumber('bits', options.bits, 5, 1, 1_000_000);
    channel.cheer(user, bits, now);
    return {
      type: 'channel.bits.use',
      event: bitsUseEvent(user, channel.broadcaster, bits, 'combo', null, null),
    };
  }
}

function emoteOf(code: string | undefined): (typeof SIMULATED_EMOTES)[number] {
  if (code === undefined || code.trim() === '') return DEFAULT_POWER_UP_EMOTE;
  const emote = emoteByCode(code.trim());
  if (!emote) {
    throw new SimulatorInputError(
      `emote "${code}" is not one the simulator knows: ${SIMULATED_EMOTES.map((e) => e.code).join(', ')}`,
    );
  }
  return emote;
}

function effectOf(raw: string | undefined): string {
  const effect = (raw ?? 'cosmic-abyss').trim();
  if (!/^[a-z0-9-]{1,40}$/.test(effect)) {
    throw new SimulatorInputError(
      `effect must be a message effect id of lower-case letters, digits and -, not "${raw}"`,
    );
  }
  return effect;
}
