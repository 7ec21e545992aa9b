/** An emote the simulator knows, as chat fragments and Helix describe it. */
export interface SimulatedEmote {
  readonly id: string;
  /** What a viewer types in chat (case-sensitive, as on Twitch). */
  readonly code: string;
  readonly emoteSetId: string;
  /** The channel whose emote it is ("0" for Twitch's global emotes). */
  readonly ownerId: string;
  /** `static`, and `animated` when it has an animated version. */
  readonly formats: readonly ('static' | 'animated')[];
}

/**
 * The emotes resub messages and Bits messages can carry: a few of Twitch's global emotes (their
 * real ids and codes) and one animated emote of the default broadcaster, `demo_streamer`.
 */
export const SIMULATED_EMOTES: readonly SimulatedEmote[] = [
  { id: '25', code: 'Kappa', emoteSetId: '0', ownerId: '0', formats: ['static'] },
  { id: '425618', code: 'LUL', emoteSetId: '0', ownerId: '0', formats: ['static'] },
  { id: '305954156', code: 'PogChamp', emoteSetId: '0', ownerId: '0', formats: ['static'] },
  { id: '30259', code: 'HeyGuys', emoteSetId: '0', ownerId: '0', formats: ['static'] },
  { id: '64138', code: 'SeemsGood', emoteSetId: '0', ownerId: '0', formats: ['static'] },
  {
    id: 'emotesv2_5d523adb8bbb4786821cd7091e47da21',
    code: 'demostHype',
    emoteSetId: '300374282',
    ownerId: '1000',
    formats: ['static', 'animated'],
  },
];

const BY_CODE = new Map(SIMULATED_EMOTES.map((emote) => [emote.code, emote]));

/** The emote a chat word stands for, if the simulator knows one. */
export function emoteByCode(code: string): SimulatedEmote | undefined {
  return BY_CODE.get(code);
}
