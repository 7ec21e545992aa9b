import type { AdBreakState } from '../../../contract/sse-contract.js';
import { adBreakSummary } from './ad-break-row.js';

const START = Date.parse('2026-01-01T20:31:00.000Z');
const timeOfDay = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const adBreak = (data: Record<string, unknown>) =>
  ({
    event: 'channel.ad_break.begin',
    data: {
      duration_seconds: 90,
      started_at: '2026-01-01T20:31:00.000Z',
      is_automatic: false,
      requester_user_name: 'ModMo',
      ...data,
    },
  }) as AdBreakState;

describe('the dashboard’s ad break row', () => {
  it('says nothing before any break', () => {
    expect(adBreakSummary(null, START, timeOfDay)).toEqual({ state: 'none', text: '' });
  });

  it('shows a running break’s time left, its length, its start and who started it', () => {
    expect(adBreakSummary(adBreak({}), START + 7_000, timeOfDay)).toEqual({
      state: 'running',
      text: 'Ads running: 1:23 left of 1:30, since 20:31 · started by ModMo',
    });
  });

  it('shows the last break once it is over, automatic ones as Twitch’s', () => {
    expect(adBreakSummary(adBreak({ is_automatic: true }), START + 90_000, timeOfDay)).toEqual({
      state: 'over',
      text: 'Last ad break: 1:30 at 20:31 · scheduled by Twitch',
    });
  });

  it('shows a break of no length or no time as over, saying what is missing', () => {
    expect(adBreakSummary(adBreak({ duration_seconds: 0 }), START, timeOfDay)).toEqual({
      state: 'over',
      text: 'Last ad break: no length given at 20:31 · started by ModMo',
    });
    expect(
      adBreakSummary(
        adBreak({ started_at: 'soon', requester_user_name: undefined }),
        START,
        timeOfDay,
      ),
    ).toEqual({
      state: 'over',
      text: 'Last ad break: 1:30 at an unknown time · started on the channel',
    });
  });
});
