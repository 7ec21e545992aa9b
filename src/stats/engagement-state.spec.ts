import type { StatsData } from '../contract/sse-contract.js';
import { withEngagementEvent } from './engagement-state.js';

const numbers: StatsData = { live: true, viewers: 5, followers: 10, subs: 2, polledAt: null };

const adBreak = (started_at: string, duration_seconds: unknown) => ({
  broadcaster_user_id: '1000',
  duration_seconds,
  started_at,
  is_automatic: false,
});

describe('withEngagementEvent: ad breaks', () => {
  it('keeps the latest ad break beside the numbers, the next one in its place', () => {
    const first = withEngagementEvent(
      numbers,
      'channel.ad_break.begin',
      adBreak('2026-12-06T20:00:00Z', 90),
    );
    expect(first).toEqual({
      ...numbers,
      adBreak: { event: 'channel.ad_break.begin', data: adBreak('2026-12-06T20:00:00Z', 90) },
    });
    const second = withEngagementEvent(first as StatsData, 'channel.ad_break.begin', {
      ...adBreak('2026-12-06T20:30:00Z', 30),
      is_automatic: true,
    });
    expect(second?.adBreak?.data).toMatchObject({
      started_at: '2026-12-06T20:30:00Z',
      duration_seconds: 30,
      is_automatic: true,
    });
    expect(second).toMatchObject({ followers: 10, subs: 2 });
  });

  it('keeps a break of no length as it came: the readers show it as over, never running', () => {
    const kept = withEngagementEvent(
      numbers,
      'channel.ad_break.begin',
      adBreak('2026-12-06T20:00:00Z', 0),
    );
    expect(kept?.adBreak?.data.duration_seconds).toBe(0);
  });

  it('leaves the ad break alone for the other engagement events', () => {
    const withBreak = withEngagementEvent(
      numbers,
      'channel.ad_break.begin',
      adBreak('2026-12-06T20:00:00Z', 60),
    ) as StatsData;
    const next = withEngagementEvent(withBreak, 'channel.poll.begin', { id: 'p' });
    expect(next?.adBreak).toEqual(withBreak.adBreak);
    expect(next?.poll).toEqual({ event: 'channel.poll.begin', data: { id: 'p' } });
  });

  it('sets nothing for an event that is no engagement', () => {
    expect(withEngagementEvent(numbers, 'channel.follow', {})).toBeNull();
  });
});

const base: StatsData = { live: true, viewers: 1, followers: 2, subs: 3, polledAt: null };
const usd = (value: number) => ({ value, decimal_places: 2, currency: 'USD' });
const campaign = (id: string, raised: number) => ({
  id,
  charity_name: 'Example Friends',
  current_amount: usd(raised),
  target_amount: usd(150_000),
});

describe('the charity campaign in stats', () => {
  it('keeps the latest event of the campaign: start, progress, then stop', () => {
    let stats = withEngagementEvent(base, 'channel.charity_campaign.start', campaign('c1', 0));
    expect(stats?.charity).toEqual({
      event: 'channel.charity_campaign.start',
      data: campaign('c1', 0),
    });
    stats = withEngagementEvent(stats!, 'channel.charity_campaign.progress', campaign('c1', 2600));
    expect(stats?.charity?.event).toBe('channel.charity_campaign.progress');
    expect(stats?.charity?.data.current_amount.value).toBe(2600);
    stats = withEngagementEvent(stats!, 'channel.charity_campaign.stop', campaign('c1', 3000));
    expect(stats?.charity?.event).toBe('channel.charity_campaign.stop');
    expect(stats).toMatchObject({ viewers: 1, followers: 2, subs: 3 });
  });

  it('never steps back: a start after its own progress, or progress after its stop, changes nothing', () => {
    const running = withEngagementEvent(
      base,
      'channel.charity_campaign.progress',
      campaign('c1', 2600),
    )!;
    expect(
      withEngagementEvent(running, 'channel.charity_campaign.start', campaign('c1', 0)),
    ).toBeNull();
    const stopped = withEngagementEvent(
      running,
      'channel.charity_campaign.stop',
      campaign('c1', 3000),
    )!;
    expect(
      withEngagementEvent(stopped, 'channel.charity_campaign.progress', campaign('c1', 2900)),
    ).toBeNull();
    // The next campaign takes the stopped one's place.
    const next = withEngagementEvent(stopped, 'channel.charity_campaign.start', campaign('c2', 0));
    expect(next?.charity).toMatchObject({
      event: 'channel.charity_campaign.start',
      data: { id: 'c2' },
    });
  });

  it('is not moved by a donation (its progress event moves it)', () => {
    expect(
      withEngagementEvent(base, 'channel.charity_campaign.donate', { amount: usd(500) }),
    ).toBeNull();
  });
});
