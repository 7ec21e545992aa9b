import { CATALOG_TEST_SESSION, CatalogFixture } from '../../test/support/catalog-fixture.js';
import { systemClock } from '../eventsub/clock.js';
import type { ActiveTwitchSession } from '../twitch/twitch-session.js';
import type { ChatBadgeImage } from './chat-api.js';
import { CHAT_BADGE_REFRESH_MS, ChatBadgeCatalog } from './chat-badge-catalog.js';
import { ChatBadgeReader } from './helix-chat-badge-reader.js';

// How a catalog reads, keeps and retries is RefreshableCatalog's spec; here, what is the badges'.

const badge = (set_id: string): ChatBadgeImage => ({
  set_id,
  id: '1',
  title: set_id,
  image_url_1x: 'https://cdn/1',
  image_url_2x: 'https://cdn/2',
  image_url_4x: 'https://cdn/3',
});

/** A reader that answers from a script, and notes the sessions it was asked in. */
class ScriptedReader extends ChatBadgeReader {
  readonly sessions: ActiveTwitchSession[] = [];
  readonly answers: ChatBadgeImage[][] = [];
  read(session: ActiveTwitchSession): Promise<ChatBadgeImage[]> {
    this.sessions.push(session);
    return Promise.resolve(this.answers.shift() ?? []);
  }
}

describe('ChatBadgeCatalog', () => {
  let reader: ScriptedReader;
  let fixture: CatalogFixture<ChatBadgeCatalog>;
  beforeEach(() => {
    reader = new ScriptedReader();
    fixture = new CatalogFixture((twitch) => new ChatBadgeCatalog(twitch, reader, systemClock));
  });
  afterEach(() => fixture.stop());

  it('knows no channel until a session starts, then reads the badges in it, and again every hour', async () => {
    const { catalog } = fixture;
    expect(catalog.channelId).toBeNull();
    reader.answers.push([badge('moderator')], [badge('moderator'), badge('vip')]);
    await fixture.open();
    expect(reader.sessions).toEqual([CATALOG_TEST_SESSION]);
    expect(catalog.current.items.map((b) => b.set_id)).toEqual(['moderator']);
    expect(catalog.channelId).toBe('1');
    await fixture.advance(CHAT_BADGE_REFRESH_MS);
    expect(reader.sessions).toHaveLength(2);
    expect(catalog.current.items).toHaveLength(2);
  });

  it('knows no channel once the session ends, and keeps the badges', async () => {
    reader.answers.push([badge('moderator')]);
    await fixture.open();
    fixture.end();
    expect(fixture.catalog.channelId).toBeNull();
    expect(fixture.catalog.current.items).toHaveLength(1);
  });
});
