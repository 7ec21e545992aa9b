import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { BehaviorSubject } from 'rxjs';
import { systemClock } from '../eventsub/clock.js';
import type {
  ActiveTwitchSession,
  TwitchSession,
  TwitchSessionState,
} from '../twitch/twitch-session.js';
import type { ChatBadgeImage } from './chat-api.js';
import {
  CHAT_BADGE_REFRESH_MS,
  CHAT_BADGE_RETRY_MS,
  ChatBadgeCatalog,
} from './chat-badge-catalog.js';
import { ChatBadgeReader } from './helix-chat-badge-reader.js';

const badge = (set_id: string): ChatBadgeImage => ({
  set_id,
  id: '1',
  title: set_id,
  image_url_1x: 'https://cdn/1',
  image_url_2x: 'https://cdn/2',
  image_url_4x: 'https://cdn/3',
});

/** A reader that answers from a script: a list, or an error to throw. */
class ScriptedReader extends ChatBadgeReader {
  readonly answers: Array<ChatBadgeImage[] | Error> = [];
  reads = 0;
  read(): Promise<ChatBadgeImage[]> {
    this.reads++;
    const answer = this.answers.shift() ?? new Error('no answer scripted');
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
  }
}

describe('ChatBadgeCatalog', () => {
  let state: BehaviorSubject<TwitchSessionState>;
  let reader: ScriptedReader;
  let catalog: ChatBadgeCatalog;
  let warnings: string[];
  const session = { userId: '1', broadcaster: { id: '1' } } as unknown as ActiveTwitchSession;
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
    catalog = new ChatBadgeCatalog(
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

  it('has none and no channel until a session starts, then reads them once', async () => {
    expect(catalog.current).toEqual({ badges: [], updatedAt: null });
    expect(catalog.channelId).toBeNull();
    reader.answers.push([badge('moderator')]);
    state.next({ state: 'ok', session });
    await advance(0);
    expect(reader.reads).toBe(1);
    expect(catalog.current.badges.map((b) => b.set_id)).toEqual(['moderator']);
    expect(catalog.current.updatedAt).toBeInstanceOf(Date);
    expect(catalog.channelId).toBe('1');
  });

  it('reads them again every hour while the session lasts', async () => {
    reader.answers.push([badge('moderator')], [badge('moderator'), badge('vip')]);
    state.next({ state: 'ok', session });
    await advance(CHAT_BADGE_REFRESH_MS - 1);
    expect(reader.reads).toBe(1);
    await advance(1);
    expect(reader.reads).toBe(2);
    expect(catalog.current.badges).toHaveLength(2);
  });

  it('keeps the last good badges when a read fails, warns once, and tries again sooner', async () => {
    reader.answers.push([badge('moderator')], new Error('503'), new Error('503'), [badge('vip')]);
    state.next({ state: 'ok', session });
    await advance(0);
    await advance(CHAT_BADGE_REFRESH_MS);
    expect(reader.reads).toBe(2);
    expect(catalog.current.badges.map((b) => b.set_id)).toEqual(['moderator']);
    await advance(CHAT_BADGE_RETRY_MS);
    expect(reader.reads).toBe(3);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('the last ones read are kept');
    await advance(CHAT_BADGE_RETRY_MS);
    expect(catalog.current.badges.map((b) => b.set_id)).toEqual(['vip']);
  });

  it('stops reading when the session ends, and keeps what it has', async () => {
    reader.answers.push([badge('moderator')]);
    state.next({ state: 'ok', session });
    await advance(0);
    state.next({ state: 'signed-out', detail: 'signed out' });
    await advance(CHAT_BADGE_REFRESH_MS * 3);
    expect(reader.reads).toBe(1);
    expect(catalog.current.badges).toHaveLength(1);
    expect(catalog.channelId).toBeNull();
  });
});
