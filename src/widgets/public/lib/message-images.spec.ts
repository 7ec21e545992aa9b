import {
  cheermoteImage,
  emoteImageUrl,
  emoteScale,
  messageImagesFrom,
  NO_MESSAGE_IMAGES,
} from './message-images.js';

const images = (base: string, tier: number) => {
  const theme = (name: string) => ({
    animated: {
      '1': `${base}/${name}/animated/${tier}/1.gif`,
      '2': `${base}/${name}/animated/${tier}/2.gif`,
      '3': `${base}/${name}/animated/${tier}/3.gif`,
    },
    static: { '1': `${base}/${name}/static/${tier}/1.png` },
  });
  return { dark: theme('dark'), light: theme('light') };
};

const ANSWER = {
  emoteBaseUrl: 'http://127.0.0.1:9/emoticons/v2/',
  updatedAt: null,
  cheermotes: [
    {
      prefix: 'Cheer',
      tiers: [
        { min_bits: 1, color: '#979797', images: images('https://cdn.example', 1) },
        { min_bits: 100, color: '#9c3ee8', images: images('https://cdn.example', 100) },
        { min_bits: 1000, color: '#1db2a5', images: images('https://cdn.example', 1000) },
      ],
    },
  ],
};

describe('message images', () => {
  it('builds an emote URL from a checked id, its format and the scale it is drawn at', () => {
    const { emoteBaseUrl } = messageImagesFrom(ANSWER);
    expect(emoteBaseUrl).toBe('http://127.0.0.1:9/emoticons/v2');
    const emote = { kind: 'emote', text: 'Kappa', id: '25', format: 'static' } as const;
    expect(emoteImageUrl(emoteBaseUrl, emote, '2.0')).toBe(
      'http://127.0.0.1:9/emoticons/v2/25/static/dark/2.0',
    );
    expect(emoteImageUrl(emoteBaseUrl, { ...emote, id: '../../x' }, '1.0')).toBe('');
    expect(emoteImageUrl('', emote, '1.0')).toBe('');
  });

  it('picks the smallest CDN scale that covers the drawn size', () => {
    expect(emoteScale(0.5, 42)).toBe('1.0');
    expect(emoteScale(1, 42)).toBe('2.0');
    expect(emoteScale(1.5, 42)).toBe('3.0');
    expect(emoteScale(4, 42)).toBe('3.0');
  });

  it("draws a cheermote with its prefix's highest tier its Bits reach, in that tier's colour", () => {
    const { cheermotes } = messageImagesFrom(ANSWER);
    const cheer = (bits: number) =>
      ({ kind: 'cheermote', text: `Cheer${bits}`, prefix: 'cheer', bits, tier: 0 }) as const;
    expect(cheermoteImage(cheermotes, cheer(2500), 1, 28)).toEqual({
      url: 'https://cdn.example/dark/animated/1000/1.gif',
      color: '#1db2a5',
    });
    expect(cheermoteImage(cheermotes, cheer(150), 2, 28)?.url).toBe(
      'https://cdn.example/dark/animated/100/2.gif',
    );
    expect(cheermoteImage(cheermotes, { ...cheer(5), prefix: 'party' }, 1, 28)).toBeNull();
    expect(cheermoteImage(NO_MESSAGE_IMAGES.cheermotes, cheer(5), 1, 28)).toBeNull();
  });

  it('drops what is unsafe in an answer: other schemes, bad colours, bad prefixes', () => {
    const hostile = messageImagesFrom({
      emoteBaseUrl: 'javascript:alert(1)//',
      cheermotes: [
        {
          prefix: 'Cheer',
          tiers: [{ min_bits: 1, color: 'red;background:url(x)', images: images('https://a', 1) }],
        },
        { prefix: '__proto__', tiers: ANSWER.cheermotes[0]?.tiers },
        {
          prefix: 'Evil',
          tiers: [{ min_bits: 1, color: '#ffffff', images: images('javascript:alert(1)//', 1) }],
        },
        {
          prefix: 'Ok',
          tiers: [{ min_bits: 1, color: '#ffffff', images: images('https://a', 1) }],
        },
      ],
    });
    expect(hostile.emoteBaseUrl).toBe('');
    expect([...hostile.cheermotes.keys()]).toEqual(['ok']);
    expect(messageImagesFrom(null)).toEqual({ emoteBaseUrl: '', cheermotes: new Map() });
    expect(messageImagesFrom({ cheermotes: 'x' }).cheermotes.size).toBe(0);
  });
});
