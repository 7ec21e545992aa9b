import { HelixChatBadgeSet } from '@twurple/api';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import { HelixChatBadgeReader } from './helix-chat-badge-reader.js';

const CDN = 'https://static-cdn.jtvnw.net/badges/v1';

const version = (
  id: unknown,
  image = `${CDN}/${String(id)}`,
  title: unknown = `Badge ${String(id)}`,
) => ({
  id,
  image_url_1x: `${image}/1`,
  image_url_2x: `${image}/2`,
  image_url_4x: `${image}/3`,
  title,
  description: '',
  click_action: null,
  click_url: null,
});

const set = (setId: unknown, versions: unknown[]) =>
  new (HelixChatBadgeSet as unknown as new (data: unknown) => HelixChatBadgeSet)({
    set_id: setId,
    versions,
  });

/** A session whose API client answers Get Global / Channel Chat Badges, for broadcaster 1000 only. */
function sessionAnswering(global: HelixChatBadgeSet[], channel: HelixChatBadgeSet[]) {
  const ctx = {
    chat: {
      getGlobalBadges: () => Promise.resolve(global),
      getChannelBadges: (broadcaster: string) =>
        broadcaster === '1000' ? Promise.resolve(channel) : Promise.reject(new Error(broadcaster)),
    },
  };
  return {
    userId: '1000',
    broadcaster: { id: '1000', login: 'streamer', displayName: 'Streamer' },
    apiClient: { asUser: (_user: string, run: (context: typeof ctx) => unknown) => run(ctx) },
  } as unknown as ActiveTwitchSession;
}

describe('HelixChatBadgeReader', () => {
  it("reads Twitch's badges and the channel's, the channel's replacing Twitch's versions", async () => {
    const badges = await new HelixChatBadgeReader().read(
      sessionAnswering(
        [set('moderator', [version('1')]), set('subscriber', [version('0'), version('1')])],
        [set('subscriber', [version('0', `${CDN}/own-0`, 'Subscriber'), version('6')])],
      ),
    );
    expect(badges.map((b) => [b.set_id, b.id, b.image_url_1x])).toEqual([
      ['moderator', '1', `${CDN}/1/1`],
      ['subscriber', '0', `${CDN}/own-0/1`],
      ['subscriber', '1', `${CDN}/1/1`],
      ['subscriber', '6', `${CDN}/6/1`],
    ]);
    expect(badges[1]).toEqual({
      set_id: 'subscriber',
      id: '0',
      title: 'Subscriber',
      image_url_1x: `${CDN}/own-0/1`,
      image_url_2x: `${CDN}/own-0/2`,
      image_url_4x: `${CDN}/own-0/3`,
    });
  });

  it('leaves out what a browser should not get: odd ids and URLs that are not http(s)', async () => {
    const badges = await new HelixChatBadgeReader().read(
      sessionAnswering(
        [
          set('../x', [version('1')]),
          set('vip', [
            version('1/../2'),
            version('2', 'javascript:alert(1)//'),
            version('3', `${CDN}/3`, { not: 'text' }),
          ]),
        ],
        [],
      ),
    );
    expect(badges).toEqual([
      {
        set_id: 'vip',
        id: '3',
        title: 'vip',
        image_url_1x: `${CDN}/3/1`,
        image_url_2x: `${CDN}/3/2`,
        image_url_4x: `${CDN}/3/3`,
      },
    ]);
  });
});
