import { cheerTier, parseCheermote } from './cheermotes.js';
import type { EventObject } from './event-payloads.js';
import { emoteByCode } from './simulated-emotes.js';

/** A run of a message: a word or the spaces between words, and where it begins (in code points). */
interface Run {
  readonly text: string;
  readonly begin: number;
  readonly length: number;
  readonly word: boolean;
}

/** The message as words and spaces; positions count code points, as Twitch's emote ranges do. */
function runs(text: string): Run[] {
  const found: Run[] = [];
  let position = 0;
  for (const match of text.matchAll(/\s+|\S+/gu)) {
    const length = Array.from(match[0]).length;
    found.push({ text: match[0], begin: position, length, word: /\S/u.test(match[0]) });
    position += length;
  }
  return found;
}

/**
 * A resub message as `channel.subscription.message` carries it: the text and each emote's range,
 * `begin` and `end` both inclusive (the last code point of the emote); `emotes` is null when the
 * text has none.
 */
export function resubMessage(text: string): EventObject {
  const emotes: EventObject[] = [];
  for (const run of runs(text)) {
    const emote = run.word ? emoteByCode(run.text) : undefined;
    if (emote) emotes.push({ begin: run.begin, end: run.begin + run.length - 1, id: emote.id });
  }
  return { text, emotes: emotes.length > 0 ? emotes : null };
}

/**
 * A Bits message as `channel.bits.use` carries it: the text cut into `text`, `cheermote` and
 * `emote` fragments, each with all three kinds' fields (null when not its kind). Cheermotes count
 * only in cheers; in a Power-up's message `Cheer100` is text.
 */
export function bitsMessage(text: string, withCheermotes: boolean): EventObject {
  const fragments: EventObject[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain !== '') fragments.push({ type: 'text', text: plain, cheermote: null, emote: null });
    plain = '';
  };
  for (const run of runs(text)) {
    const cheermote = run.word && withCheermotes ? parseCheermote(run.text) : undefined;
    const emote = run.word && !cheermote ? emoteByCode(run.text) : undefined;
    if (cheermote) {
      flush();
      fragments.push({
        type: 'cheermote',
        text: run.text,
        cheermote: { ...cheermote, tier: cheerTier(cheermote.bits) },
        emote: null,
      });
    } else if (emote) {
      flush();
      fragments.push({
        type: 'emote',
        text: run.text,
        cheermote: null,
        emote: {
          id: emote.id,
          emote_set_id: emote.emoteSetId,
          owner_id: emote.ownerId,
          format: [...emote.formats],
        },
      });
    } else {
      plain += run.text;
    }
  }
  flush();
  return { text, fragments };
}

/** Whether a message has the emote `code` as a word of its own. */
export function hasEmote(text: string, code: string): boolean {
  return runs(text).some((run) => run.word && run.text === code);
}
