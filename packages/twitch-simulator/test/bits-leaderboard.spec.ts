import { periodHolding } from '../src/bits-leaderboard.js';
import { DemoActivity } from '../src/demo-activity.js';
import { DEFAULT_DEMO_TIMINGS } from '../src/demo-timings.js';
import { eventually, SimulatorFixture } from './support/simulator-fixture.js';

/** Row of the leaderboard as the tests compare it. */
function rows(answer: {
  json: { data: Array<{ user_login: string; rank: number; score: number }> };
}) {
  return answer.json.data.map(({ user_login, rank, score }) => [user_login, rank, score]);
}

describe('periods of the bits leaderboard (UTC)', () => {
  it.each([
    ['day', '2024-05-15T23:59:59Z', '2024-05-15T00:00:00.000Z', '2024-05-16T00:00:00.000Z'],
    ['week', '2024-05-15T10:00:00Z', '2024-05-13T00:00:00.000Z', '2024-05-20T00:00:00.000Z'],
    ['week', '2024-05-19T23:00:00Z', '2024-05-13T00:00:00.000Z', '2024-05-20T00:00:00.000Z'],
    ['week', '2024-05-20T00:00:00Z', '2024-05-20T00:00:00.000Z', '2024-05-27T00:00:00.000Z'],
    ['month', '2024-02-29T12:00:00Z', '2024-02-01T00:00:00.000Z', '2024-03-01T00:00:00.000Z'],
    ['year', '2024-12-31T23:59:59Z', '2024-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z'],
    ['day', '2024-05-15T20:00:00-08:00', '2024-05-16T00:00:00.000Z', '2024-05-17T00:00:00.000Z'],
  ] as const)('%s holding %s runs from %s to %s', (period, moment, start, end) => {
    const span = periodHolding(period, new Date(moment));
    expect(span?.start.toISOString()).toBe(start);
    expect(span?.end.toISOString()).toBe(end);
  });

  it('has no bounds for all', () => {
    expect(periodHolding('all', new Date())).toBeNull();
  });
});

describe('GET /helix/bits/leaderboard', () => {
  let fx: SimulatorFixture;
  let now: number;

  beforeEach(async () => {
    now = Date.parse('2024-05-15T12:00:00Z'); // a Wednesday
    fx = await SimulatorFixture.start({ pingIntervalMs: 0, clock: () => now });
  });

  afterEach(async () => {
    await fx.stop();
  });

  const cheer = (user: string | null, bits: number): void => {
    fx.sim.trigger('channel.cheer', user === null ? { anonymous: true, bits } : { user, bits });
  };

  it('ranks cheerers by bits in Helix shape; anonymous cheers count for nobody', async () => {
    cheer('alice', 100);
    cheer('bob', 500);
    cheer(null, 10_000);
    cheer('alice', 450);
    cheer('carol', 50);
    const answer = await fx.api('/mock/bits/leaderboard');
    expect(answer.status).toBe(200);
    const alice = fx.sim.user('alice');
    expect(answer.json).toEqual({
      data: [
        { user_id: alice.id, user_login: 'alice', user_name: 'alice', rank: 1, score: 550 },
        {
          user_id: fx.sim.user('bob').id,
          user_login: 'bob',
          user_name: 'bob',
          rank: 2,
          score: 500,
        },
        {
          user_id: fx.sim.user('carol').id,
          user_login: 'carol',
          user_name: 'carol',
          rank: 3,
          score: 50,
        },
      ],
      date_range: { started_at: '', ended_at: '' },
      total: 3,
    });
    expect(fx.sim.channel().bits).toBe(100 + 500 + 10_000 + 450 + 50);
  });

  it('ranks whoever reached a score first above a later equal score', async () => {
    cheer('early', 100);
    now += 1000;
    cheer('late', 100);
    expect(rows(await fx.api('/mock/bits/leaderboard'))).toEqual([
      ['early', 1, 100],
      ['late', 2, 100],
    ]);
  });

  it('gives count rows (10 by default, at most 100); total is how many rows it gave', async () => {
    for (let i = 1; i <= 12; i++) cheer(`cheerer_${i}`, i * 10);
    const byDefault = await fx.api('/mock/bits/leaderboard');
    expect(byDefault.json.data).toHaveLength(10);
    expect(byDefault.json.total).toBe(10);
    expect(byDefault.json.data[0]).toMatchObject({ user_login: 'cheerer_12', rank: 1, score: 120 });
    const three = await fx.api('/mock/bits/leaderboard?count=3');
    expect(rows(three)).toEqual([
      ['cheerer_12', 1, 120],
      ['cheerer_11', 2, 110],
      ['cheerer_10', 3, 100],
    ]);
    expect(three.json.total).toBe(3);
    expect((await fx.api('/mock/bits/leaderboard?count=100')).json.total).toBe(12);
  });

  it('with user_id, gives the rows around that user, them included', async () => {
    for (let i = 1; i <= 9; i++) cheer(`cheerer_${i}`, i * 10); // cheerer_9 ranks 1, cheerer_1 ranks 9
    const middle = fx.sim.user('cheerer_5').id;
    expect(rows(await fx.api(`/mock/bits/leaderboard?count=3&user_id=${middle}`))).toEqual([
      ['cheerer_6', 4, 60],
      ['cheerer_5', 5, 50],
      ['cheerer_4', 6, 40],
    ]);
    const last = fx.sim.user('cheerer_1').id;
    expect(rows(await fx.api(`/mock/bits/leaderboard?count=3&user_id=${last}`))).toEqual([
      ['cheerer_3', 7, 30],
      ['cheerer_2', 8, 20],
      ['cheerer_1', 9, 10],
    ]);
    expect(rows(await fx.api(`/mock/bits/leaderboard?count=1&user_id=${middle}`))).toEqual([
      ['cheerer_5', 5, 50],
    ]);
    const stranger = fx.sim.user('never_cheered').id;
    expect((await fx.api(`/mock/bits/leaderboard?user_id=${stranger}`)).json).toMatchObject({
      data: [],
      total: 0,
    });
  });

  it('counts the cheers of the period holding started_at, and says which period', async () => {
    now = Date.parse('2024-04-30T23:30:00Z'); // April, a Tuesday
    cheer('april_fan', 1000);
    now = Date.parse('2024-05-13T08:00:00Z'); // Monday of the week of the 15th
    cheer('monday_fan', 300);
    now = Date.parse('2024-05-15T09:00:00Z');
    cheer('today_fan', 200);
    cheer('monday_fan', 50);

    const day = await fx.api('/mock/bits/leaderboard?period=day&started_at=2024-05-15T18:00:00Z');
    expect(rows(day)).toEqual([
      ['today_fan', 1, 200],
      ['monday_fan', 2, 50],
    ]);
    expect(day.json.date_range).toEqual({
      started_at: '2024-05-15T00:00:00Z',
      ended_at: '2024-05-16T00:00:00Z',
    });
    const week = await fx.api('/mock/bits/leaderboard?period=week&started_at=2024-05-17T00:00:00Z');
    expect(rows(week)).toEqual([
      ['monday_fan', 1, 350],
      ['today_fan', 2, 200],
    ]);
    expect(week.json.date_range).toEqual({
      started_at: '2024-05-13T00:00:00Z',
      ended_at: '2024-05-20T00:00:00Z',
    });
    const april = await fx.api(
      '/mock/bits/leaderboard?period=month&started_at=2024-04-01T00:00:00.000Z',
    );
    expect(rows(april)).toEqual([['april_fan', 1, 1000]]);
    const year = await fx.api('/mock/bits/leaderboard?period=year&started_at=2024-07-01T00:00:00Z');
    expect(rows(year).map(([login]) => login)).toEqual(['april_fan', 'monday_fan', 'today_fan']);
    const lastYear = await fx.api(
      '/mock/bits/leaderboard?period=year&started_at=2023-07-01T00:00:00Z',
    );
    expect(lastYear.json).toEqual({
      data: [],
      date_range: { started_at: '2023-01-01T00:00:00Z', ended_at: '2024-01-01T00:00:00Z' },
      total: 0,
    });
  });

  it('without started_at, counts the period holding now, with an empty date_range', async () => {
    now = Date.parse('2024-05-14T12:00:00Z');
    cheer('yesterday_fan', 900);
    now = Date.parse('2024-05-15T12:00:00Z');
    cheer('today_fan', 100);
    const day = await fx.api('/mock/bits/leaderboard?period=day');
    expect(rows(day)).toEqual([['today_fan', 1, 100]]);
    expect(day.json.date_range).toEqual({ started_at: '', ended_at: '' });
    const week = await fx.api('/mock/bits/leaderboard?period=week');
    expect(rows(week)).toEqual([
      ['yesterday_fan', 1, 900],
      ['today_fan', 2, 100],
    ]);
    // all ignores started_at.
    const all = await fx.api('/mock/bits/leaderboard?period=all&started_at=2001-01-01T00:00:00Z');
    expect(all.json.total).toBe(2);
    expect(all.json.date_range).toEqual({ started_at: '', ended_at: '' });
  });

  it("is the token's own channel's", async () => {
    cheer('alice', 100);
    fx.sim.trigger('channel.cheer', { broadcaster: 'other_channel', user: 'bob', bits: 5 });
    const other = fx.sim.mintUserToken({ user: 'other_channel' }).accessToken;
    expect(rows(await fx.api('/mock/bits/leaderboard', { token: other }))).toEqual([['bob', 1, 5]]);
    expect(rows(await fx.api('/mock/bits/leaderboard'))).toEqual([['alice', 1, 100]]);
  });

  it.each([
    ['count=0', 'count'],
    ['count=101', 'count'],
    ['count=many', 'count'],
    ['period=decade', 'period'],
    ['period=day&started_at=yesterday', 'started_at'],
    ['period=day&started_at=2024-05-15', 'started_at'],
    // An unencoded + turns into a space.
    ['period=day&started_at=2024-05-15T00:00:00+05:00', 'started_at'],
  ])('answers 400 for %s', async (query, word) => {
    const answer = await fx.api(`/mock/bits/leaderboard?${query}`);
    expect(answer.status).toBe(400);
    expect(answer.json.message).toContain(word);
  });

  it('takes a URL-encoded offset', async () => {
    cheer('alice', 100); // 2024-05-15T12:00Z
    const started = encodeURIComponent('2024-05-15T06:00:00+05:00'); // 01:00Z the same day
    expect(rows(await fx.api(`/mock/bits/leaderboard?period=day&started_at=${started}`))).toEqual([
      ['alice', 1, 100],
    ]);
  });

  it('needs a user token with bits:read', async () => {
    const without = fx.sim.mintUserToken({ scopes: ['channel:read:subscriptions'] }).accessToken;
    const answer = await fx.api('/mock/bits/leaderboard', { token: without });
    expect(answer.status).toBe(401);
    expect(answer.json.message).toBe('Missing scope: bits:read');
  });

  it('counts cheers from the control API and from the demo activity', async () => {
    const response = await fetch(`${fx.sim.baseUrl}/control/trigger/channel.cheer`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user: 'control_fan', bits: 321 }),
    });
    expect(response.status).toBe(200);
    const demo = new DemoActivity(fx.sim, {
      timings: {
        ...DEFAULT_DEMO_TIMINGS,
        goLiveAfterMs: 60_000,
        cheer: { firstAfterMs: 5, everyMs: [5, 10] },
      },
      random: () => 0.5, // named cheers of 100 bits
    });
    try {
      demo.start();
      await eventually(() => demo.counts.cheer >= 2, 'two demo cheers');
    } finally {
      demo.stop();
    }
    const board = rows(await fx.api('/mock/bits/leaderboard?count=100'));
    expect(board).toContainEqual(['control_fan', expect.any(Number), 321]);
    expect(board.filter(([, , score]) => score === 100).length).toBeGreaterThanOrEqual(2);
  });
});
