import { CATALOG_TEST_SESSION, CatalogFixture } from '../../test/support/catalog-fixture.js';
import { systemClock } from '../eventsub/clock.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import { CHEERMOTE_REFRESH_MS, CheermoteCatalog } from './cheermote-catalog.js';
import type { Cheermote } from './cheermotes-api.js';
import { CheermoteReader } from './helix-cheermote-reader.js';

// How a catalog reads, keeps and retries is RefreshableCatalog's spec; here, what is the cheermotes'.

const cheermote = (prefix: string): Cheermote => ({
  prefix,
  tiers: [
    {
      min_bits: 1,
      color: '#979797',
      images: {
        dark: { animated: { '1': 'https://cdn/a.gif' }, static: { '1': 'https://cdn/a.png' } },
        light: { animated: { '1': 'https://cdn/b.gif' }, static: { '1': 'https://cdn/b.png' } },
      },
    },
  ],
});

it('CheermoteCatalog reads the cheermotes in the session when it starts, and again every six hours', async () => {
  const sessions: ActiveTwitchSession[] = [];
  const answers = [[cheermote('Cheer')], [cheermote('Cheer'), cheermote('Party')]];
  const reader: CheermoteReader = {
    read: (session) => (sessions.push(session), Promise.resolve(answers.shift() ?? [])),
  };
  const fixture = new CatalogFixture((twitch) => new CheermoteCatalog(twitch, reader, systemClock));
  try {
    await fixture.open();
    expect(sessions).toEqual([CATALOG_TEST_SESSION]);
    expect(fixture.catalog.current.items.map((c) => c.prefix)).toEqual(['Cheer']);
    await fixture.advance(CHEERMOTE_REFRESH_MS - 1);
    expect(sessions).toHaveLength(1);
    await fixture.advance(1);
    expect(sessions).toHaveLength(2);
    expect(fixture.catalog.current.items.map((c) => c.prefix)).toEqual(['Cheer', 'Party']);
  } finally {
    fixture.stop();
  }
});
