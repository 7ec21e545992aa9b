import { jest } from '@jest/globals';
import { InvalidTokenError } from '@twurple/auth';
import {
  NonRenewableAuthProvider,
  type TokenRejection,
  type TokenValidation,
  type ValidateToken,
} from './non-renewable-auth-provider.js';

const HOUR = 3600_000;
const CLIENT_ID = 'client-id';

/** Twitch's validate endpoint as a fake: answers with `answer()` each time it is asked. */
function fakeTwitch(answer: () => TokenValidation | Error) {
  const validate = jest.fn<ValidateToken>(async () => {
    const result = answer();
    if (result instanceof Error) throw result;
    return result;
  });
  return validate;
}

const validFor = (ms: number): TokenValidation => ({
  clientId: CLIENT_ID,
  userId: '1000',
  scopes: ['bits:read'],
  expiryDate: new Date(Date.now() + ms),
});

describe('NonRenewableAuthProvider: a token used while Twitch accepts it', () => {
  let provider: NonRenewableAuthProvider | undefined;
  let rejections: TokenRejection[];

  beforeEach(() => {
    jest.useFakeTimers();
    rejections = [];
  });

  afterEach(() => {
    provider?.stop();
    provider = undefined;
    jest.useRealTimers();
  });

  async function open(validate: ValidateToken): Promise<NonRenewableAuthProvider> {
    provider = (await NonRenewableAuthProvider.forToken('token', CLIENT_ID, validate)).provider;
    provider.rejected$.subscribe((rejection) => rejections.push(rejection));
    return provider;
  }

  it('learns the user, scopes and expiry from Twitch, and hands out the token for that user only', async () => {
    const opened = await open(fakeTwitch(() => validFor(4 * HOUR)));
    expect(opened.userId).toBe('1000');
    expect(opened.expiresAt?.getTime()).toBe(Date.now() + 4 * HOUR);
    await expect(opened.getAccessTokenForUser('1000', ['bits:read'])).resolves.toMatchObject({
      accessToken: 'token',
      refreshToken: null,
      userId: '1000',
    });
    await expect(opened.getAccessTokenForUser('2000')).resolves.toBeNull();
    await expect(
      opened.getAccessTokenForUser('1000', ['channel:read:subscriptions']),
    ).rejects.toThrow(/does not have any of the requested scopes \(channel:read:subscriptions\)/);
  });

  it.each([
    ['Twitch refuses it', () => new InvalidTokenError()],
    ['Twitch says it has expired (the Twitch CLI answers so)', () => validFor(-1000)],
    ['it is an app token', () => ({ ...validFor(HOUR), userId: null })],
  ])('is not made when %s', async (_what, answer) => {
    await expect(
      NonRenewableAuthProvider.forToken('token', CLIENT_ID, fakeTwitch(answer)),
    ).rejects.toBeInstanceOf(InvalidTokenError);
  });

  it('"refreshing" asks Twitch once for all callers, and keeps the token while Twitch accepts it', async () => {
    const validate = fakeTwitch(() => validFor(4 * HOUR));
    const opened = await open(validate);
    validate.mockClear();
    const refreshed = await Promise.all([
      opened.refreshAccessTokenForUser('1000'),
      opened.refreshAccessTokenForUser('1000'),
    ]);
    expect(refreshed.map((token) => token.accessToken)).toEqual(['token', 'token']);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(rejections).toEqual([]);
  });

  it('when Twitch refuses it (revoked), says so once and fails from then on without asking', async () => {
    let accepted = true;
    const validate = fakeTwitch(() => (accepted ? validFor(4 * HOUR) : new InvalidTokenError()));
    const opened = await open(validate);
    accepted = false;
    await expect(opened.refreshAccessTokenForUser('1000')).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    await expect(opened.refreshAccessTokenForUser('1000')).rejects.toBeInstanceOf(
      InvalidTokenError,
    );
    expect(validate).toHaveBeenCalledTimes(2); // at start, and once when refused
    expect(rejections).toEqual([{ expired: false, expiresAt: expect.any(Date) }]);
  });

  it('asks Twitch at the expiry, and says the token expired when Twitch refuses it then', async () => {
    let accepted = true;
    const opened = await open(
      fakeTwitch(() => (accepted ? validFor(2 * HOUR) : new InvalidTokenError())),
    );
    const expiresAt = opened.expiresAt;
    opened.watchExpiry();
    accepted = false;
    await jest.advanceTimersByTimeAsync(2 * HOUR - 1);
    expect(rejections).toEqual([]);
    await jest.advanceTimersByTimeAsync(1);
    expect(rejections).toEqual([{ expired: true, expiresAt }]);
  });

  it('keeps watching when Twitch still accepts it at the expiry, and asks again soon when Twitch cannot be reached', async () => {
    const answers: Array<() => TokenValidation | Error> = [
      () => validFor(HOUR), // at start
      () => validFor(HOUR), // at the first expiry: extended
      () => new Error('fetch failed'), // at the second: no answer
      () => new InvalidTokenError(), // 30 s later
    ];
    const validate = fakeTwitch(() => (answers.shift() ?? (() => new Error('asked too often')))());
    const opened = await open(validate);
    opened.watchExpiry();
    await jest.advanceTimersByTimeAsync(HOUR);
    expect(validate).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(HOUR);
    expect(validate).toHaveBeenCalledTimes(3);
    expect(rejections).toEqual([]);
    await jest.advanceTimersByTimeAsync(30_000);
    expect(validate).toHaveBeenCalledTimes(4);
    expect(rejections).toEqual([{ expired: true, expiresAt: expect.any(Date) }]);
  });

  it('waits out an expiry further away than a timer can wait', async () => {
    const validate = fakeTwitch(() => validFor(40 * 24 * HOUR));
    const opened = await open(validate);
    opened.watchExpiry();
    await jest.advanceTimersByTimeAsync(30 * 24 * HOUR);
    expect(validate).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(10 * 24 * HOUR);
    expect(validate).toHaveBeenCalledTimes(2);
  });

  it('once stopped, neither asks at the expiry nor tells of a rejection', async () => {
    const validate = fakeTwitch(() => validFor(HOUR));
    const opened = await open(validate);
    opened.watchExpiry();
    opened.stop();
    await jest.advanceTimersByTimeAsync(2 * HOUR);
    expect(validate).toHaveBeenCalledTimes(1);
    expect(rejections).toEqual([]);
  });
});
