import type { TwitchEventType } from '../contract/twitch-events.js';
import type { EventTypeDescriptor, TwitchEventData } from './event-type-descriptor.js';
import { loginField, numberField, textField } from './sample-fields.js';

/**
 * Every use of Bits: cheers, Power-ups and Combos. Opt-in: `channel.cheer` stays the default,
 * and a channel that listens to this instead counts each cheer once (see `bitsInOnePlace`).
 */
export const BITS_USE: EventTypeDescriptor = {
  type: 'channel.bits.use',
  version: '1',
  scope: 'bits:read',
  byDefault: false,
  subscribe: (listener, id, handler) => listener.onChannelBitsUse(id, handler),
  sample: ({ user, broadcaster }) => ({
    ...user,
    ...broadcaster,
    bits: 50,
    type: 'power_up',
    message: {
      text: 'Make it big! Kappa',
      fragments: [
        { type: 'text', text: 'Make it big! ', cheermote: null, emote: null },
        {
          type: 'emote',
          text: 'Kappa',
          cheermote: null,
          emote: { id: '25', emote_set_id: '0', owner_id: '0', format: ['static'] },
        },
      ],
    },
    power_up: {
      type: 'gigantify_an_emote',
      emote: { id: '25', name: 'Kappa' },
      message_effect_id: null,
    },
  }),
  simulatorTrigger: (data) => {
    const powerUp = data.power_up as TwitchEventData | null | undefined;
    const message = data.message as { text?: unknown } | null | undefined;
    const emote = powerUp?.emote as { name?: unknown } | null | undefined;
    return {
      user: loginField(data),
      bits: numberField(data, 'bits'),
      bitsType: textField(data, 'type'),
      powerUp: powerUp ? textField(powerUp, 'type') : undefined,
      emote: typeof emote?.name === 'string' ? emote.name : undefined,
      effect: powerUp ? textField(powerUp, 'message_effect_id') : undefined,
      message: typeof message?.text === 'string' ? message.text : undefined,
    };
  },
};

/**
 * The types to subscribe to with Bits in one place: with `channel.bits.use` chosen, `channel.cheer`
 * is left out, since every cheer arrives as a `channel.bits.use` too and would be shown and counted
 * twice.
 */
export function bitsInOnePlace(types: readonly TwitchEventType[]): readonly TwitchEventType[] {
  return types.includes('channel.bits.use')
    ? types.filter((type) => type !== 'channel.cheer')
    : types;
}
