import type { ChannelProfile } from './channel-profile.js';
import {
  ChannelProfileCache,
  FAILURE_TTL_MS,
  PROFILE_TTL_MS,
  UNKNOWN_TTL_MS,
} from './channel-profile-cache.js';
import { ChannelProfileSource, NoTwitchSessionError } from './channel-profile-source.js';

const PROFILE: ChannelProfile = {
  id: '7002',
  login: 'pixelharbor',
  displayName: 'PixelHarbor',
  profileImageUrl: 'https://static-cdn.jtvnw.net/jtv_user_pictures/x-profile_image-300x300.png',
  gameName: 'Minecraft',
};

/** A source that answers only when the test says so, counting its reads. */
class ControlledSource extends ChannelProfileSource {
  reads: string[] = [];
  private pending: Array<{
    resolve: (p: ChannelProfile | null) => void;
    reject: (e: unknown) => void;
  }> = [];

  read(id: string): Promise<ChannelProfile | null> {
    this.reads.push(id);
    return new Promise((resolve, reject) => this.pending.push({ resolve, reject }));
  }

  answer(profile: ChannelProfile | null): void {
    this.pending.shift()?.resolve(profile);
  }

  fail(error: unknown): void {
    this.pending.shift()?.reject(error);
  }
}

function setUp() {
  const source = new ControlledSource();
  let now = 1_000_000;
  const clock = { now: () => now };
  const cache = new ChannelProfileCache(source, clock);
  return { source, cache, advance: (ms: number) => (now += ms) };
}

describe('ChannelProfileCache', () => {
  it('asks the source once for many callers while a read runs, and shares its answer', async () => {
    const { source, cache } = setUp();
    const asked = [cache.get('7002'), cache.get('7002'), cache.get('7002')];
    expect(source.reads).toEqual(['7002']);
    source.answer(PROFILE);
    await expect(Promise.all(asked)).resolves.toEqual([PROFILE, PROFILE, PROFILE]);
  });

  it('keeps a profile for its TTL, then reads it again', async () => {
    const { source, cache, advance } = setUp();
    const first = cache.get('7002');
    source.answer(PROFILE);
    await first;
    advance(PROFILE_TTL_MS - 1);
    await expect(cache.get('7002')).resolves.toEqual(PROFILE);
    expect(source.reads).toHaveLength(1);
    advance(1);
    const again = cache.get('7002');
    expect(source.reads).toHaveLength(2);
    source.answer({ ...PROFILE, gameName: 'Chess' });
    await expect(again).resolves.toMatchObject({ gameName: 'Chess' });
  });

  it('keeps "no such user" for a shorter while', async () => {
    const { source, cache, advance } = setUp();
    const first = cache.get('404');
    source.answer(null);
    await expect(first).resolves.toBeNull();
    advance(UNKNOWN_TTL_MS - 1);
    await expect(cache.get('404')).resolves.toBeNull();
    expect(source.reads).toHaveLength(1);
    advance(1);
    void cache.get('404');
    expect(source.reads).toHaveLength(2);
  });

  it('answers a failed read with its error for a while, without asking Helix again', async () => {
    const { source, cache, advance } = setUp();
    const first = cache.get('7002');
    source.fail(new Error('Helix is down'));
    await expect(first).rejects.toThrow('Helix is down');
    await expect(cache.get('7002')).rejects.toThrow('Helix is down');
    expect(source.reads).toHaveLength(1);
    advance(FAILURE_TTL_MS);
    const retry = cache.get('7002');
    expect(source.reads).toHaveLength(2);
    source.answer(PROFILE);
    await expect(retry).resolves.toEqual(PROFILE);
  });

  it('asks again at once after "no session": no Helix call was made', async () => {
    const { source, cache } = setUp();
    const first = cache.get('7002');
    source.fail(new NoTwitchSessionError('signed out'));
    await expect(first).rejects.toBeInstanceOf(NoTwitchSessionError);
    const next = cache.get('7002');
    expect(source.reads).toHaveLength(2);
    source.answer(PROFILE);
    await expect(next).resolves.toEqual(PROFILE);
  });

  it('keeps ids apart', async () => {
    const { source, cache } = setUp();
    const a = cache.get('1');
    const b = cache.get('2');
    expect(source.reads).toEqual(['1', '2']);
    source.answer({ ...PROFILE, id: '1' });
    source.answer(null);
    await expect(a).resolves.toMatchObject({ id: '1' });
    await expect(b).resolves.toBeNull();
  });
});
