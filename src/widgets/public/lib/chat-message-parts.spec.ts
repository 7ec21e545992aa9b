import { chatParts, nameColor } from './chat-message-parts.js';
import type { ThirdPartyEmote } from './third-party-emotes.js';

const none = new Map<string, ThirdPartyEmote>();
const fragment = (type: string, words: string, fields: Record<string, unknown> = {}) => ({
  type,
  text: words,
  cheermote: null,
  emote: null,
  mention: null,
  ...fields,
});

describe("a chat message's parts", () => {
  it('reads text, emotes (animated where they are), cheermotes and mentions', () => {
    const parts = chatParts(
      {
        text: 'hi @ann Kappa Cheer100',
        fragments: [
          fragment('text', 'hi '),
          fragment('mention', '@ann', { mention: { user_id: '1', user_login: 'ann' } }),
          fragment('text', ' '),
          fragment('emote', 'demostHype', {
            emote: { id: 'emotesv2_abc', format: ['static', 'animated'] },
          }),
          fragment('text', ' '),
          fragment('cheermote', 'Cheer100', {
            cheermote: { prefix: 'cheer', bits: 100, tier: 100 },
          }),
        ],
      },
      none,
    );
    expect(parts).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@ann' },
      { kind: 'text', text: ' ' },
      { kind: 'emote', text: 'demostHype', id: 'emotesv2_abc', format: 'animated' },
      { kind: 'text', text: ' ' },
      { kind: 'cheermote', text: 'Cheer100', prefix: 'cheer', bits: 100, tier: 100 },
    ]);
  });

  it('shows a fragment of an unknown kind, or a hostile emote id, as its text', () => {
    const parts = chatParts(
      {
        text: 'x',
        fragments: [
          fragment('sparkle', 'new kind '),
          fragment('emote', 'Bad', { emote: { id: '../../evil', format: ['static'] } }),
          fragment('emote', ' Bad2', { emote: { id: 'javascript:alert(1)' } }),
        ],
      },
      none,
    );
    expect(parts).toEqual([{ kind: 'text', text: 'new kind Bad Bad2' }]);
  });

  it('reads a message without fragments as its text, and third-party emote codes as emotes', () => {
    const pepe: ThirdPartyEmote = { service: '7tv', images: [[32, 'https://cdn/x/1x.webp']] };
    const parts = chatParts({ text: 'so PepeLaugh  ok' }, new Map([['PepeLaugh', pepe]]));
    expect(parts).toEqual([
      { kind: 'text', text: 'so ' },
      { kind: 'third-party', text: 'PepeLaugh', emote: pepe },
      { kind: 'text', text: '  ok' },
    ]);
    expect(chatParts(null, none)).toEqual([]);
  });
});

describe('a name colour', () => {
  it('is #rrggbb or nothing: CSS of any other kind never reaches the style', () => {
    expect(nameColor('#1E90FF')).toBe('#1e90ff');
    for (const hostile of [
      '',
      'red',
      '#fff',
      '#1E90FF; background: url(https://evil/)',
      'expression(alert(1))',
      '#1E90FFzz',
      null,
      42,
    ]) {
      expect(nameColor(hostile)).toBe('');
    }
  });

  it('is lightened when too dark to read, as Twitch does in dark mode', () => {
    const light = nameColor('#0000FF');
    expect(light).toMatch(/^#[0-9a-f]{6}$/);
    expect(light).not.toBe('#0000ff');
    expect(nameColor('#000000')).toBe('#808080');
    expect(nameColor('#FF7F50')).toBe('#ff7f50');
  });
});
