import { badgesFrom, shownBadges } from './chat-badges.js';

const badge = (set_id: unknown, id: unknown, url = 'https://cdn/b') => ({
  set_id,
  id,
  title: `${String(set_id)} ${String(id)}`,
  image_url_1x: `${url}/1`,
  image_url_2x: `${url}/2`,
  image_url_4x: `${url}/3`,
});

describe('chat badges', () => {
  const known = badgesFrom({
    badges: [
      badge('moderator', '1'),
      badge('subscriber', '6'),
      badge('vip', '1', 'javascript:alert(1)//'),
      badge('../x', '1'),
    ],
    updatedAt: null,
  });

  it('keeps only badges with checked ids and http(s) images from the service', () => {
    expect([...known.keys()]).toEqual(['moderator/1', 'subscriber/6']);
    expect(badgesFrom(null).size).toBe(0);
  });

  it('draws what a message names: an image when known, the set as text when not, nothing for odd ids', () => {
    const shown = shownBadges(
      [
        { set_id: 'moderator', id: '1', info: '' },
        { set_id: 'subscriber', id: '6', info: '6' },
        { set_id: 'glitchcon', id: '1', info: '' },
        { set_id: 'vip"><img src=x onerror=alert(1)>', id: '1' },
        { set_id: 'premium', id: '1/../../2' },
        'not a badge',
      ],
      known,
      1,
    );
    expect(shown).toEqual([
      { key: 'moderator/1', title: 'moderator 1', url: 'https://cdn/b/2' },
      { key: 'subscriber/6', title: 'subscriber 6', url: 'https://cdn/b/2' },
      { key: 'glitchcon/1', title: 'glitchcon', url: '' },
    ]);
    expect(shownBadges([{ set_id: 'moderator', id: '1' }], known, 0.5)[0]?.url).toBe(
      'https://cdn/b/1',
    );
    expect(shownBadges([{ set_id: 'moderator', id: '1' }], known, 2)[0]?.url).toBe(
      'https://cdn/b/3',
    );
  });
});
