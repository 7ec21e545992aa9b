import { ANONYMOUS_GIFTER } from '../src/simulator-constants.js';
import { SimulatorFixture, type ApiResponse } from './support/simulator-fixture.js';

/** Every page of a Helix list, following `pagination.cursor` until it is gone. */
async function allPages(
  fx: SimulatorFixture,
  path: string,
  between: (pageIndex: number) => void = () => undefined,
): Promise<ApiResponse[]> {
  const pages: ApiResponse[] = [];
  let cursor: string | undefined;
  do {
    const separator = path.includes('?') ? '&' : '?';
    const page = await fx.api(`${path}${cursor ? `${separator}after=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    pages.push(page);
    cursor = page.json.pagination.cursor;
    between(pages.length);
  } while (cursor);
  return pages;
}

describe('Helix lists page with first and after', () => {
  let fx: SimulatorFixture;

  beforeEach(async () => {
    fx = await SimulatorFixture.start({ pingIntervalMs: 0 });
  });

  afterEach(async () => {
    await fx.stop();
  });

  describe('channels/followers', () => {
    it('gives every follower once, newest first, 20 a page unless first says otherwise', async () => {
      const logins = Array.from({ length: 45 }, (_, i) => `follower_${i}`);
      for (const user of logins) fx.sim.trigger('channel.follow', { user });
      const newestFirst = [...logins].reverse();

      const pages = await allPages(fx, '/mock/channels/followers?broadcaster_id=1000');
      expect(pages.map((page) => page.json.data.length)).toEqual([20, 20, 5]);
      expect(
        pages.flatMap((page) => page.json.data.map((f: { user_login: string }) => f.user_login)),
      ).toEqual(newestFirst);
      expect(pages.every((page) => page.json.total === 45)).toBe(true);
      expect(pages.at(-1)?.json.pagination).toEqual({});

      const bigPages = await allPages(fx, '/mock/channels/followers?broadcaster_id=1000&first=100');
      expect(bigPages).toHaveLength(1);
      expect(bigPages[0].json.data).toHaveLength(45);
    });

    it('carries on where the last page ended when people follow while a client pages', async () => {
      for (let i = 0; i < 10; i++) fx.sim.trigger('channel.follow', { user: `early_${i}` });
      const pages = await allPages(
        fx,
        '/mock/channels/followers?broadcaster_id=1000&first=3',
        (pageIndex) => fx.sim.trigger('channel.follow', { user: `late_${pageIndex}` }),
      );
      const seen = pages.flatMap((page) =>
        page.json.data.map((f: { user_login: string }) => f.user_login),
      );
      expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `early_${9 - i}`));
      // The total is the channel's at the time of each page, as on Helix.
      expect(pages.at(-1)?.json.total).toBe(10 + pages.length - 1);
    });

    it('dates each follow with followed_at, to the second, newest first', async () => {
      let now = Date.parse('2024-03-01T12:00:00.250Z');
      await fx.stop();
      fx = await SimulatorFixture.start({ pingIntervalMs: 0, clock: () => now });
      fx.sim.trigger('channel.follow', { user: 'first_fan' });
      now += 90_000;
      fx.sim.trigger('channel.follow', { user: 'second_fan' });
      const answer = await fx.api('/mock/channels/followers?broadcaster_id=1000');
      expect(answer.json.data).toEqual([
        {
          user_id: fx.sim.user('second_fan').id,
          user_login: 'second_fan',
          user_name: 'second_fan',
          followed_at: '2024-03-01T12:01:30Z',
        },
        {
          user_id: fx.sim.user('first_fan').id,
          user_login: 'first_fan',
          user_name: 'first_fan',
          followed_at: '2024-03-01T12:00:00Z',
        },
      ]);
    });

    it.each([['0'], ['101'], ['ten'], ['']])('answers 400 for first=%s', async (first) => {
      const answer = await fx.api(`/mock/channels/followers?broadcaster_id=1000&first=${first}`);
      expect(answer.status).toBe(400);
      expect(answer.json.message).toContain('first');
    });

    it('answers 400 for a cursor it did not make', async () => {
      const answer = await fx.api('/mock/channels/followers?broadcaster_id=1000&after=nonsense');
      expect(answer.status).toBe(400);
      expect(answer.json.message).toContain('cursor');
    });
  });

  describe('subscriptions', () => {
    it('gives every sub once across pages, with total and points on each page', async () => {
      for (let i = 0; i < 7; i++)
        fx.sim.trigger('channel.subscribe', { user: `sub_${i}`, tier: 2 });
      fx.sim.trigger('channel.subscription.gift', { user: 'generous', total: 5, tier: 1 });
      const pages = await allPages(fx, '/mock/subscriptions?broadcaster_id=1000&first=4');
      expect(pages.map((page) => page.json.data.length)).toEqual([4, 4, 4]);
      const users = pages.flatMap((page) =>
        page.json.data.map((s: { user_id: string }) => s.user_id),
      );
      expect(new Set(users).size).toBe(12);
      for (const page of pages) {
        expect(page.json.total).toBe(12);
        expect(page.json.points).toBe(7 * 2 + 5);
      }
      expect(pages[2].json.pagination).toEqual({});
    });

    it("names a gift's gifter; an anonymous gift's gifter is Twitch's AnAnonymousGifter; a bought sub has none", async () => {
      fx.sim.trigger('channel.subscribe', { user: 'buyer', tier: 3 });
      fx.sim.trigger('channel.subscription.gift', { user: 'santa', total: 1, tier: 2 });
      fx.sim.trigger('channel.subscription.gift', { anonymous: true, total: 1 });
      const [anonymous, gifted, bought] = (await fx.api('/mock/subscriptions?broadcaster_id=1000'))
        .json.data;
      const santa = fx.sim.user('santa');
      expect(gifted).toEqual({
        broadcaster_id: '1000',
        broadcaster_login: 'demo_streamer',
        broadcaster_name: 'Demo_Streamer',
        gifter_id: santa.id,
        gifter_login: 'santa',
        gifter_name: 'santa',
        is_gift: true,
        plan_name: 'Channel Subscription (demo_streamer)',
        tier: '2000',
        user_id: expect.any(String),
        user_name: expect.any(String),
        user_login: expect.any(String),
      });
      expect(anonymous).toMatchObject({
        is_gift: true,
        gifter_id: ANONYMOUS_GIFTER.id,
        gifter_login: ANONYMOUS_GIFTER.login,
        gifter_name: ANONYMOUS_GIFTER.displayName,
        tier: '1000',
      });
      expect(bought).toMatchObject({
        is_gift: false,
        gifter_id: '',
        gifter_login: '',
        gifter_name: '',
        user_login: 'buyer',
        tier: '3000',
      });
    });

    it('filters by user_id', async () => {
      fx.sim.trigger('channel.subscribe', { user: 'amy' });
      fx.sim.trigger('channel.subscribe', { user: 'ben' });
      const amy = fx.sim.user('amy').id;
      const answer = await fx.api(`/mock/subscriptions?broadcaster_id=1000&user_id=${amy}`);
      expect(answer.json.data.map((s: { user_login: string }) => s.user_login)).toEqual(['amy']);
      expect(answer.json.total).toBe(2);
    });
  });

  it('charges one point per request on every list, bits leaderboard included', async () => {
    await fx.stop();
    // Four points a minute: none comes back while the test runs.
    fx = await SimulatorFixture.start({ pingIntervalMs: 0, helixPointsPerMinute: 4 });
    const remaining: number[] = [];
    for (const path of [
      '/mock/streams',
      '/mock/channels/followers?broadcaster_id=1000',
      '/mock/subscriptions?broadcaster_id=1000',
      '/mock/bits/leaderboard',
    ]) {
      const answer = await fx.api(path);
      expect(answer.status).toBe(200);
      remaining.push(Number(answer.headers.get('ratelimit-remaining')));
    }
    expect(remaining).toEqual([3, 2, 1, 0]);
    expect((await fx.api('/mock/bits/leaderboard')).status).toBe(429);
  });
});
