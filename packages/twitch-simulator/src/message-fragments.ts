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

/** A viewer a chat message names with `@`. */
export interface MentionedUser {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
}

/**
 * A chat message as `channel.chat.message` and `channel.chat.notification` carry it: the text cut
 * into `text`, `cheermote`, `emote` and `mention` fragments, each with all four kinds' fields (null
 * when not its kind). `@login` words are mentions of the user `mentioned` finds (none: text);
 * `Cheer<n>` words are cheermotes only in a message that cheers.
 */
export function chatMessage(
  text: string,
  withCheermotes: boolean,
  mentioned: (login: string) => MentionedUser | undefined,
): EventObject {
  const fragments: EventObject[] = [];
  let plain = '';
  const piece = (type: string, text: string, fields: EventObject = {}): EventObject => ({
    type,
    text,
    cheermote: null,
    emote: null,
    mention: null,
    ...fields,
  });
  const flush = (): void => {
    if (plain !== '') fragments.push(piece('text', plain));
    plain = '';
  };
  for (const run of runs(text)) {
    const cheermote = run.word && withCheermotes ? parseCheermote(run.text) : undefined;
    const emote = run.word && !cheermote ? emoteByCode(run.text) : undefined;
    const login = /^@([a-z0-9_]{1,25})$/i.exec(run.word ? run.text : '')?.[1];
    const user = login === undefined ? undefined : mentioned(login);
    if (cheermote) {
      flush();
      const tier = cheerTier(cheermote.bits);
      fragments.push(piece('cheermote', run.text, { cheermote: { ...cheermote, tier } }));
    } else if (emote) {
      flush();
      fragments.push(
        piece('emote', run.text, {
          emote: {
            id: emote.id,
            emote_set_id: emote.emoteSetId,
            owner_id: emote.ownerId,
            format: [...emote.formats],
          },
        }),
      );
    } else if (user) {
      flush();
      fragments.push(
        piece('mention', run.text, {
          mention: { user_id: user.id, user_name: user.displayName, user_login: user.login },
        }),
      );
    } else {
      plain += run.text;
    }
  }
  flush();
  return { text, fragments };
}

/** The Bits a chat message cheers: the sum of its `Cheer<n>` words. */
export function cheeredBits(text: string): number {
  let bits = 0;
  for (const run of runs(text)) if (run.word) bits += parseCheermote(run.text)?.bits ?? 0;
  return bits;
}

/** Whether a message has the emote `code` as a word of its own. */
export function hasEmote(text: string, code: string): boolean {
  return runs(text).some((run) => run.word && run.text === code);
}
