import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { BehaviorSubject } from 'rxjs';
import { systemClock } from '../eventsub/clock.js';
import type {
  ActiveTwitchSession,
  TwitchSession,
  TwitchSessionState,
} from '../twitch/twitch-session.js';
import { CHEERMOTE_REFRESH_MS, CHEERMOTE_RETRY_MS, CheermoteCatalog } from './cheermote-catalog.js';
import type { Cheermote } from './cheermotes-api.js';
import { CheermoteReader } from './helix-cheermote-reader.js';

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

/** A reader that answers from a script: a list, or an error to throw. */
class ScriptedReader extends CheermoteReader {
  readonly answers: Array<Cheermote[] | Error> = [];
  reads = 0;
  read(): Promise<Cheermote[]> {
    this.reads++;
    const answer = this.answers.shift() ?? new Error('no answer scripted');
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

describe('CheermoteCatalog', () => {
  let state: BehaviorSubject<TwitchSessionState>;
  let reader: ScriptedReader;
  let catalog: CheermoteCatalog;
  let warnings: string[];
  const session = { userId: '1' } as unknown as ActiveTwitchSession;
  /** Lets the timers due by then fire, and the reads they start settle. */
  const advance = async (ms: number) => {
    await jest.advanceTimersByTimeAsync(ms);
  };

  beforeEach(() => {
    jest.useFakeTimers();
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message) => {
      warnings.push(String(message));
    });
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => {});
    state = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
    reader = new ScriptedReader();
    catalog = new CheermoteCatalog(
      { state$: state.asObservable() } as unknown as TwitchSession,
      reader,
      systemClock,
    );
    catalog.onApplicationBootstrap();
  });

  afterEach(() => {
    catalog.onApplicationShutdown();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('has none until a session starts, then reads them once', async () => {
    expect(catalog.current).toEqual({ cheermotes: [], updatedAt: null });
    reader.answers.push([cheermote('Cheer')]);
    state.next({ state: 'ok', session });
    await advance(0);
    expect(reader.reads).toBe(1);
    expect(catalog.current.cheermotes.map((c) => c.prefix)).toEqual(['Cheer']);
    expect(catalog.current.updatedAt).toBeInstanceOf(Date);
  });

  it('reads them again every few hours while the session lasts', async () => {
    reader.answers.push([cheermote('Cheer')], [cheermote('Cheer'), cheermote('Party')]);
    state.next({ state: 'ok', session });
    await advance(CHEERMOTE_REFRESH_MS - 1);
    expect(reader.reads).toBe(1);
    await advance(1);
    expect(reader.reads).toBe(2);
    expect(catalog.current.cheermotes).toHaveLength(2);
  });

  it('keeps the last good list when a read fails, warns once, and tries again sooner', async () => {
    reader.answers.push([cheermote('Cheer')], new Error('503'), new Error('503'), [
      cheermote('Party'),
    ]);
    state.next({ state: 'ok', session });
    await advance(0);
    await advance(CHEERMOTE_REFRESH_MS);
    expect(reader.reads).toBe(2);
    expect(catalog.current.cheermotes.map((c) => c.prefix)).toEqual(['Cheer']);
    await advance(CHEERMOTE_RETRY_MS);
    expect(reader.reads).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('the last ones read are kept');
    await advance(CHEERMOTE_RETRY_MS);
    expect(catalog.current.cheermotes.map((c) => c.prefix)).toEqual(['Party']);
  });

  it('stops reading when the session ends, and keeps what it has', async () => {
    reader.answers.push([cheermote('Cheer')]);
    state.next({ state: 'ok', session });
    await advance(0);
    state.next({ state: 'signed-out', detail: 'signed out' });
    await advance(CHEERMOTE_REFRESH_MS * 3);
    expect(reader.reads).toBe(1);
    expect(catalog.current.cheermotes).toHaveLength(1);
  });
});
