import { SIMULATED_GAMES } from '../src/channel-state.js';
import { SimulatorFixture } from './support/simulator-fixture.js';

/**
 * What a shoutout card reads about another channel: Helix Get Channel Information (its game) and
 * the user's profile image, which the simulator serves itself so tests need no network.
 */
describe('Helix channels and profile images', () => {
  let fx: SimulatorFixture;

  beforeAll(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
  });

  afterAll(async () => {
    await fx.stop();
  });

  it("answers Get Channel Information with each known channel's game and title, leaving out unknown ids", async () => {
    const harbor = fx.sim.user('pixel_harbor');
    const answer = await fx.api(
      `/mock/channels?broadcaster_id=${harbor.id}&broadcaster_id=1000&broadcaster_id=99999999`,
    );
    expect(answer.status).toBe(200);
    const game = SIMULATED_GAMES[Number(harbor.id) % SIMULATED_GAMES.length]!;
    expect(answer.json.data).toEqual([
      {
        broadcaster_id: harbor.id,
        broadcaster_login: 'pixel_harbor',
        broadcaster_name: harbor.displayName,
        broadcaster_language: 'en',
        game_id: game.id,
        game_name: game.name,
        title: expect.any(String),
        delay: 0,
        tags: expect.any(Array),
        content_classification_labels: [],
        is_branded_content: false,
      },
      expect.objectContaining({ broadcaster_id: '1000', game_name: fx.sim.channel().game }),
    ]);
    // Simulated channels stream different games, so shoutouts vary.
    const games = new Set(
      ['a_one', 'a_two', 'a_three', 'a_four'].map((login) => {
        fx.sim.user(login);
        return fx.sim.channel(login).game;
      }),
    );
    expect(games.size).toBeGreaterThan(1);
  });

  it('refuses Get Channel Information without an id', async () => {
    const answer = await fx.api('/mock/channels');
    expect(answer.status).toBe(400);
  });

  it("points a user's profile_image_url at itself, and serves the 300 × 300 PNG there", async () => {
    const harbor = fx.sim.user('pixel_harbor');
    const answer = await fx.api(`/mock/users?id=${harbor.id}`);
    const url = answer.json.data[0].profile_image_url as string;
    expect(url).toBe(`${fx.sim.baseUrl}/jtv_user_pictures/pixel_harbor-profile_image-300x300.png`);
    const image = await fetch(url);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    const bytes = Buffer.from(await image.arrayBuffer());
    expect(bytes.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([300, 300]);
    // Not a profile image path: 404, as on the CDN.
    const other = await fetch(`${fx.sim.baseUrl}/jtv_user_pictures/../x-profile_image-300x300.png`);
    expect(other.status).toBe(404);
  });
});
