import { HelixCheermoteList } from '@twurple/api';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import { HelixCheermoteReader } from './helix-cheermote-reader.js';

const images = (base: string) => {
  const theme = {
    animated: { '1': `${base}/a/1.gif`, '2': `${base}/a/2.gif` },
    static: { '1': `${base}/s/1.png` },
  };
  return { dark: theme, light: theme };
};

const tier = (
  min_bits: unknown,
  color: unknown,
  base = 'https://d3aqoihi2n8ty8.cloudfront.net',
) => ({
  min_bits,
  id: String(min_bits),
  color,
  images: images(base),
  can_cheer: true,
  show_in_bits_card: true,
});

/** A session whose API client answers Get Cheermotes with `data`, for broadcaster 1000 only. */
function sessionAnswering(data: unknown[]): ActiveTwitchSession {
  const list = new (HelixCheermoteList as unknown as new (data: unknown[]) => HelixCheermoteList)(
    data,
  );
  const ctx = {
    bits: {
      getCheermotes: (broadcaster: string) =>
        broadcaster === '1000' ? Promise.resolve(list) : Promise.reject(new Error(broadcaster)),
    },
  };
  return {
    userId: '1000',
    broadcaster: { id: '1000', login: 'streamer', displayName: 'Streamer' },
    apiClient: { asUser: (_user: string, run: (context: typeof ctx) => unknown) => run(ctx) },
  } as unknown as ActiveTwitchSession;
}

describe('HelixCheermoteReader', () => {
  it("reads the broadcaster's cheermotes with their tiers, lowest first", async () => {
    const cheermotes = await new HelixCheermoteReader().read(
      sessionAnswering([
        {
          prefix: 'Cheer',
          tiers: [tier(100, '#9c3ee8'), tier(1, '#979797')],
          type: 'global_first_party',
          order: 1,
          last_updated: '',
        },
      ]),
    );
    expect(cheermotes).toEqual([
      {
        prefix: 'Cheer',
        tiers: [
          {
            min_bits: 1,
            color: '#979797',
            images: images('https://d3aqoihi2n8ty8.cloudfront.net'),
          },
          {
            min_bits: 100,
            color: '#9c3ee8',
            images: images('https://d3aqoihi2n8ty8.cloudfront.net'),
          },
        ],
      },
    ]);
  });

  it('leaves out what a browser should not get: odd prefixes, colours, amounts and URLs', async () => {
    const cheermotes = await new HelixCheermoteReader().read(
      sessionAnswering([
        { prefix: 'bad/prefix', tiers: [tier(1, '#979797')] },
        { prefix: '<b>x</b>', tiers: [tier(1, '#979797')] },
        {
          prefix: 'Party',
          tiers: [
            tier(1, 'red;background:url(//evil)'),
            tier(0, '#979797'),
            tier(1.5, '#979797'),
            tier(100, '#979797', 'javascript:alert(1)//'),
            tier(1000, '#1db2a5'),
          ],
        },
        { prefix: 'Empty', tiers: [tier(1, 'blue')] },
      ]),
    );
    expect(cheermotes.map((c) => [c.prefix, c.tiers.map((t) => t.min_bits)])).toEqual([
      ['Party', [1000]],
    ]);
  });
});
