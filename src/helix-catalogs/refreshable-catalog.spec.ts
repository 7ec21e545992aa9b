import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { CatalogFixture } from '../../test/support/catalog-fixture.js';
import { systemClock } from '../eventsub/clock.js';
import type { TwitchSession } from '../twitch/twitch-session.js';
import { CATALOG_RETRY_MS, RefreshableCatalog } from './refreshable-catalog.js';

const REFRESH_MS = 60 * 60 * 1000;

/** A catalog of names whose reads answer from a script: a list, or an error to throw. */
class ScriptedCatalog extends RefreshableCatalog<string> {
  readonly answers: Array<string[] | Error> = [];
  reads = 0;
  constructor(twitch: TwitchSession) {
    super(twitch, systemClock, {
      what: 'names',
      withoutAny: 'widgets show none',
      refreshMs: REFRESH_MS,
    });
  }
  protected read(): Promise<string[]> {
    this.reads++;
    const answer = this.answers.shift() ?? new Error('no answer scripted');
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

describe('RefreshableCatalog', () => {
  let fixture: CatalogFixture<ScriptedCatalog>;
  let catalog: ScriptedCatalog;
  let warnings: string[];
  let logs: string[];

  beforeEach(() => {
    warnings = [];
    logs = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => {
      warnings.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation((message) => {
      logs.push(String(message));
    });
    fixture = new CatalogFixture((twitch) => new ScriptedCatalog(twitch));
    catalog = fixture.catalog;
  });

  afterEach(() => {
    fixture.stop();
    jest.restoreAllMocks();
  });

  it('has none until a session starts, then reads them once', async () => {
    expect(catalog.current).toEqual({ items: [], updatedAt: null });
    catalog.answers.push(['ann']);
    await fixture.open();
    expect(catalog.reads).toBe(1);
    expect(catalog.current.items).toEqual(['ann']);
    expect(catalog.current.updatedAt).toBeInstanceOf(Date);
  });

  it('reads them again every refreshMs while the session lasts', async () => {
    catalog.answers.push(['ann'], ['ann', 'bob']);
    await fixture.open();
    await fixture.advance(REFRESH_MS - 1);
    expect(catalog.reads).toBe(1);
    await fixture.advance(1);
    expect(catalog.reads).toBe(2);
    expect(catalog.current.items).toEqual(['ann', 'bob']);
  });

  it('keeps the last good list when a read fails, warns once, and tries again sooner', async () => {
    catalog.answers.push(['ann'], new Error('503'), new Error('503'), ['bob']);
    await fixture.open();
    await fixture.advance(REFRESH_MS);
    expect(catalog.reads).toBe(2);
    expect(catalog.current.items).toEqual(['ann']);
    await fixture.advance(CATALOG_RETRY_MS);
    expect(catalog.reads).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Cannot read the names');
    expect(warnings[0]).toContain('the last ones read are kept');
    await fixture.advance(CATALOG_RETRY_MS);
    expect(catalog.current.items).toEqual(['bob']);
    expect(logs).toEqual(['Names read again (1).']);
  });

  it('says what the widgets do when the first read fails', async () => {
    catalog.answers.push(new Error('503'));
    await fixture.open();
    expect(catalog.current).toEqual({ items: [], updatedAt: null });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('widgets show none');
  });

  it('stops reading when the session ends, and keeps what it has', async () => {
    catalog.answers.push(['ann']);
    await fixture.open();
    fixture.end();
    await fixture.advance(REFRESH_MS * 3);
    expect(catalog.reads).toBe(1);
    expect(catalog.current.items).toEqual(['ann']);
  });

  it('drops a read the session ended during', async () => {
    let answer: (names: string[]) => void = () => {};
    jest
      .spyOn(catalog as unknown as { read(): Promise<string[]> }, 'read')
      .mockImplementation(() => new Promise((resolve) => (answer = resolve)));
    await fixture.open();
    fixture.end();
    answer(['late']);
    await fixture.advance(REFRESH_MS * 3);
    expect(catalog.current).toEqual({ items: [], updatedAt: null });
  });
});
