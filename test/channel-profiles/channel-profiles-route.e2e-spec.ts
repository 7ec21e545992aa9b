import { EventBus } from '../../src/bus/event-bus.js';
import type { ChannelProfile } from '../../src/channel-profiles/channel-profile.js';
import { eventually } from '../support/eventually.js';
import { untilEventSubReceiving } from '../support/eventsub-health.js';
import { startTwitchTestApp, type TwitchTestApp } from '../support/twitch-test-app.js';

/**
 * `GET /api/twitch/channels/{id}`, the shoutout card's lookup, from the simulator's Helix through
 * Twurple: public, so it refuses what is not an id, answers only for channels of kept shoutouts,
 * and asks Helix once however many ask at once.
 */
describe('GET /api/twitch/channels/{id}', () => {
  let service: TwitchTestApp;
  const get = (id: string) => fetch(`${service.baseUrl}/api/twitch/channels/${id}`);

  beforeAll(async () => {
    service = await startTwitchTestApp({
      EVENTSUB_EVENTS: 'channel.shoutout.create,channel.shoutout.receive',
    });
    await untilEventSubReceiving(service);
  });

  afterAll(async () => {
    await service?.close();
  });

  /** Makes `login` shout the channel out, and waits until the service has the event. */
  async function shoutedOutBy(login: string): Promise<string> {
    const id = service.simulator.user(login).id;
    service.simulator.trigger('channel.shoutout.receive', { user: login, viewers: 12 });
    const bus = service.app.get(EventBus);
    await eventually(
      () =>
        bus
          .recentEvents(50)
          .some(
            ({ message }) =>
              message.type === 'event' && message.data.from_broadcaster_user_id === id,
          ),
      `the shoutout from ${login}`,
    );
    return id;
  }

  it('refuses an id that is not digits with 400, before anything else', async () => {
    for (const id of ['abc', '12a', '1%2F2', '-5', '1'.repeat(21), '%20']) {
      const response = await get(id);
      expect({ id, status: response.status }).toEqual({ id, status: 400 });
      expect(await response.json()).toMatchObject({ statusCode: 400 });
    }
  });

  it('is 404 for a channel no kept shoutout names, without asking Helix', async () => {
    const stranger = service.simulator.user('never_shouted').id;
    service.simulator.resetHelixRequestCounts();
    const response = await get(stranger);
    expect(response.status).toBe(404);
    // Not cached by the browser: the shoutout may arrive a moment later.
    expect(response.headers.get('cache-control') ?? '').not.toMatch(/max-age/);
    expect(service.simulator.helixRequestCount('channels')).toBe(0);
    expect(service.simulator.helixRequestCount('users')).toBe(0);
  });

  it("answers a shoutout's channel with its name, avatar and game, asking Helix once for many requests", async () => {
    const id = await shoutedOutBy('pixel_harbor');
    service.simulator.resetHelixRequestCounts();
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(id)));
    expect(answers.map((response) => response.status)).toEqual(Array(20).fill(200));
    expect(answers[0]!.headers.get('cache-control')).toBe('public, max-age=300');
    const profile = (await answers[0]!.json()) as ChannelProfile;
    expect(profile).toEqual({
      id,
      login: 'pixel_harbor',
      displayName: service.simulator.user('pixel_harbor').displayName,
      profileImageUrl: `${service.simulator.baseUrl}/jtv_user_pictures/pixel_harbor-profile_image-300x300.png`,
      gameName: service.simulator.channel('pixel_harbor').game,
    });
    // And the avatar is served by the simulator itself (tests have no network).
    const image = await fetch(profile.profileImageUrl!);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await image.arrayBuffer()).byteLength).toBeGreaterThan(0);

    expect((await get(id)).status).toBe(200);
    expect(service.simulator.helixRequestCount('channels')).toBe(1);
    expect(service.simulator.helixRequestCount('users')).toBe(1);
  });

  it('is 204, nothing to show, for a shoutout of a user Twitch does not know', async () => {
    const bus = service.app.get(EventBus);
    const {
      id: broadcasterId,
      login,
      displayName,
    } = service.simulator.user(service.simulator.channel().broadcasterId);
    bus.publish({
      type: 'event',
      event: 'channel.shoutout.receive',
      data: {
        broadcaster_user_id: broadcasterId,
        broadcaster_user_login: login,
        broadcaster_user_name: displayName,
        from_broadcaster_user_id: '987654321',
        from_broadcaster_user_login: 'gone_user',
        from_broadcaster_user_name: 'Gone_User',
        viewer_count: 3,
        started_at: new Date().toISOString(),
      },
    });
    const response = await get('987654321');
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    // Not kept by browsers: the user may be known the next time.
    expect(response.headers.get('cache-control') ?? '').not.toContain('max-age=300');
  });
});
