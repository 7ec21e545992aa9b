import type { EventMessage } from '../../../contract/sse-contract.js';
import {
  cheerParts,
  fragmentParts,
  isEmoteOnly,
  messageParts,
  resubParts,
  type MessagePart,
} from './message-parts.js';

const CHEER = new Set(['cheer', '4head']);

const event = (type: EventMessage['event'], data: Record<string, unknown>): EventMessage => ({
  type: 'event',
  event: type,
  data,
});

/** The message as the parts' kinds and texts, e.g. "text:Hi |emote:Kappa". */
const shape = (parts: MessagePart[]): string =>
  parts.map((part) => `${part.kind}:${part.text}`).join('|');

describe('a resub message with emote ranges', () => {
  it('cuts the text at the inclusive code-point ranges', () => {
    const parts = resubParts({
      text: 'Hi Kappa and LUL!',
      emotes: [
        { begin: 13, end: 15, id: '425618' },
        { begin: 3, end: 7, id: '25' },
      ],
    });
    expect(parts).toEqual([
      { kind: 'text', text: 'Hi ' },
      { kind: 'emote', text: 'Kappa', id: '25', format: 'default' },
      { kind: 'text', text: ' and ' },
      { kind: 'emote', text: 'LUL', id: '425618', format: 'default' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('counts code points, so an emoji before the emote does not shift it', () => {
    const parts = resubParts({ text: '🎉🎉 Kappa', emotes: [{ begin: 3, end: 7, id: '25' }] });
    expect(shape(parts)).toBe('text:🎉🎉 |emote:Kappa');
  });

  it('keeps a range out of the text, backwards, overlapping or not whole as text, without throwing', () => {
    const text = 'Kappa LUL';
    for (const emotes of [
      [{ begin: 6, end: 9, id: '1' }], // one past the end
      [{ begin: 40, end: 44, id: '1' }],
      [{ begin: -1, end: 3, id: '1' }],
      [{ begin: 4, end: 2, id: '1' }],
      [{ begin: 0.5, end: 4, id: '1' }],
      [{ begin: '0', end: '4', id: '1' }],
      [{ begin: 0, end: Number.POSITIVE_INFINITY, id: '1' }],
      [null, 'Kappa', 42],
    ]) {
      expect(shape(resubParts({ text, emotes }))).toBe('text:Kappa LUL');
    }
    // The second of two overlapping ranges stays text; the first is drawn.
    const overlapping = resubParts({
      text,
      emotes: [
        { begin: 0, end: 4, id: '25' },
        { begin: 3, end: 8, id: '26' },
      ],
    });
    expect(shape(overlapping)).toBe('emote:Kappa|text: LUL');
  });

  it('keeps an emote whose id could move a URL as text', () => {
    for (const id of [
      '../../evil',
      '25/../../x',
      '25?x=1',
      '25#x',
      'a b',
      '%2e%2e',
      'javascript:alert(1)',
      '',
      'x'.repeat(65),
      25,
      null,
      { toString: () => '25' },
    ]) {
      expect(shape(resubParts({ text: 'Kappa', emotes: [{ begin: 0, end: 4, id }] }))).toBe(
        'text:Kappa',
      );
    }
  });

  it('reads no message, no emotes and odd shapes as text or nothing', () => {
    expect(resubParts({})).toEqual([]);
    expect(resubParts({ text: 'plain', emotes: null })).toEqual([{ kind: 'text', text: 'plain' }]);
    expect(resubParts({ text: 42, emotes: 'Kappa' })).toEqual([]);
    expect(messageParts(event('channel.subscription.message', { message: null }), CHEER)).toEqual(
      [],
    );
  });
});

describe('a Bits use message in fragments', () => {
  it('takes text, emote and cheermote fragments, animated where the emote has it', () => {
    const parts = fragmentParts({
      text: 'Cheer100 demostHype Kappa go',
      fragments: [
        {
          type: 'cheermote',
          text: 'Cheer100',
          cheermote: { prefix: 'cheer', bits: 100, tier: 100 },
        },
        { type: 'text', text: ' ' },
        {
          type: 'emote',
          text: 'demostHype',
          emote: { id: 'emotesv2_5d52', format: ['static', 'animated'] },
        },
        { type: 'text', text: ' ' },
        { type: 'emote', text: 'Kappa', emote: { id: '25', format: ['static'] } },
        { type: 'text', text: ' go' },
      ],
    });
    expect(parts).toEqual([
      { kind: 'cheermote', text: 'Cheer100', prefix: 'cheer', bits: 100, tier: 100 },
      { kind: 'text', text: ' ' },
      { kind: 'emote', text: 'demostHype', id: 'emotesv2_5d52', format: 'animated' },
      { kind: 'text', text: ' ' },
      { kind: 'emote', text: 'Kappa', id: '25', format: 'static' },
      { kind: 'text', text: ' go' },
    ]);
  });

  it('keeps unknown kinds, bad ids, bad prefixes and bad amounts as their text', () => {
    const parts = fragmentParts({
      fragments: [
        { type: 'mention', text: '@someone ' },
        { type: 'emote', text: 'Evil', emote: { id: '"><img src=x onerror=alert(1)>' } },
        { type: 'emote', text: ' NoId', emote: null },
        { type: 'cheermote', text: ' Bad100', cheermote: { prefix: 'ba/d', bits: 100 } },
        { type: 'cheermote', text: ' Zero0', cheermote: { prefix: 'cheer', bits: 0 } },
        { type: 'cheermote', text: ' Neg', cheermote: { prefix: 'cheer', bits: -5 } },
        { type: 'cheermote', text: ' Str', cheermote: { prefix: 'cheer', bits: '100' } },
        { type: 'emote', text: '', emote: { id: '25' } },
        null,
        'text',
      ],
    });
    expect(shape(parts)).toBe('text:@someone Evil NoId Bad100 Zero0 Neg Str');
  });

  it('reads a message without fragments as its text, and none as nothing', () => {
    expect(fragmentParts({ text: 'hello' })).toEqual([{ kind: 'text', text: 'hello' }]);
    expect(messageParts(event('channel.bits.use', { message: null }), CHEER)).toEqual([]);
  });
});

describe("a cheer's text", () => {
  it('finds cheermote words of the known prefixes, in any case', () => {
    expect(cheerParts('Cheer2500 Keep it up! cheer1 4Head10', CHEER)).toEqual([
      { kind: 'cheermote', text: 'Cheer2500', prefix: 'cheer', bits: 2500, tier: 0 },
      { kind: 'text', text: ' Keep it up! ' },
      { kind: 'cheermote', text: 'cheer1', prefix: 'cheer', bits: 1, tier: 0 },
      { kind: 'text', text: ' ' },
      { kind: 'cheermote', text: '4Head10', prefix: '4head', bits: 10, tier: 0 },
    ]);
  });

  it('keeps unknown prefixes, zero, leading zeros, glued words and huge amounts as text', () => {
    for (const message of [
      'Party100',
      'Cheer0',
      'Cheer0100',
      'xCheer100',
      'Cheer100!',
      'Cheer99999999999',
      '__proto__100',
      'constructor100',
    ]) {
      expect(shape(cheerParts(message, CHEER))).toBe(`text:${message}`);
    }
    expect(cheerParts('Cheer100', new Set())).toEqual([{ kind: 'text', text: 'Cheer100' }]);
  });

  it('is read from a channel.cheer event', () => {
    const parts = messageParts(event('channel.cheer', { message: 'Cheer100 hi' }), CHEER);
    expect(shape(parts)).toBe('cheermote:Cheer100|text: hi');
    expect(messageParts(event('channel.follow', { message: 'Cheer100' }), CHEER)).toEqual([]);
  });
});

describe('emote-only messages', () => {
  it('are those with emotes or cheermotes and nothing else but white space', () => {
    expect(isEmoteOnly(cheerParts('Cheer100  cheer5', CHEER))).toBe(true);
    expect(
      isEmoteOnly(
        resubParts({
          text: 'Kappa Kappa',
          emotes: [
            { begin: 0, end: 4, id: '25' },
            { begin: 6, end: 10, id: '25' },
          ],
        }),
      ),
    ).toBe(true);
    expect(isEmoteOnly(cheerParts('Cheer100 thanks', CHEER))).toBe(false);
    expect(isEmoteOnly([])).toBe(false);
    expect(isEmoteOnly([{ kind: 'text', text: '   ' }])).toBe(false);
  });
});
