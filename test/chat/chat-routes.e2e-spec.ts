import type { ChatBadgesResponse, ChatEmotesResponse } from '../../src/chat/chat-api.js';
import { eventually } from '../support/eventually.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

describe('The chat box routes', () => {
  let service: TwitchTestApp;
  const get = async <T>(
    path: string,
  ): Promise<{ status: number; body: T; cors: string | null }> => {
    const response = await fetch(`${service.baseUrl}${path}`);
    return {
      status: response.status,
      body: (await response.json()) as T,
      cors: response.headers.get('access-control-allow-origin'),
    };
  };

  beforeAll(async () => {
    service = await startTwitchTestApp({
      SEVENTV_API_URL: 'http://127.0.0.1:9/7tv/v3/',
      FFZ_CDN_URL: 'http://127.0.0.1:9/ffz/emote',
    });
  });

  afterAll(async () => service?.close());

  it("serves Twitch's badges and the channel's from Helix through Twurple, read once for any number of requests", async () => {
    await eventually(
      async () =>
        (await get<ChatBadgesResponse>('/api/twitch/chat-badges')).body.updatedAt !== null,
      'the badges read',
    );
    const reads = service.simulator.helixRequestCount('chat/badges');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => get<ChatBadgesResponse>('/api/twitch/chat-badges')),
    );
    expect(service.simulator.helixRequestCount('chat/badges')).toBe(reads);
    expect(reads).toBe(1);
    const { status, body } = answers[0]!;
    expect(status).toBe(200);
    const base = service.simulator.baseUrl;
    expect(body.badges).toContainEqual({
      set_id: 'moderator',
      id: '1',
      title: 'Moderator',
      image_url_1x: `${base}/badges/v1/moderator-1/1`,
      image_url_2x: `${base}/badges/v1/moderator-1/2`,
      image_url_4x: `${base}/badges/v1/moderator-1/3`,
    });
    // The channel's own subscriber badges are there beside Twitch's, one per version.
    const subscriber = body.badges.filter((b) => b.set_id === 'subscriber').map((b) => b.id);
    expect(subscriber.sort()).toEqual(['0', '1', '12', '3', '6']);
    const keys = body.badges.map((b) => `${b.set_id}/${b.id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('says where the chat box loads third-party emotes: the channel and each service, as configured', async () => {
    const { status, body } = await get<ChatEmotesResponse>('/api/twitch/chat-emotes');
    expect(status).toBe(200);
    expect(body).toEqual({
      channelId: service.simulator.broadcaster.id,
      services: {
        '7tv': { api: 'http://127.0.0.1:9/7tv/v3', cdn: 'https://cdn.7tv.app/emote' },
        bttv: { api: 'https://api.betterttv.net/3', cdn: 'https://cdn.betterttv.net/emote' },
        ffz: { api: 'https://api.frankerfacez.com/v1', cdn: 'http://127.0.0.1:9/ffz/emote' },
      },
    });
  });
});
