import {
  getTokenInfo,
  InvalidTokenError,
  type AccessTokenMaybeWithUserId,
  type AccessTokenWithUserId,
  type AuthProvider,
} from '@twurple/auth';
import { extractUserId, type UserIdResolvable } from '@twurple/common';
import { Subject, type Observable } from 'rxjs';

/** What Twitch's validate endpoint says about a token (the part of Twurple's `TokenInfo` used here). */
export interface TokenValidation {
  readonly clientId: string;
  readonly userId: string | null;
  readonly scopes: string[];
  /** When the token expires; null when Twitch gives no expiry. */
  readonly expiryDate: Date | null;
}

/** Asks Twitch about a token; throws `InvalidTokenError` when Twitch refuses it (401). */
export type ValidateToken = (accessToken: string, clientId: string) => Promise<TokenValidation>;

/** Why a non-renewable token stopped working. */
export interface TokenRejection {
  /** True when its expiry has passed; false when Twitch refused it before (it was revoked). */
  readonly expired: boolean;
  readonly expiresAt: Date | null;
}

/** Setting `setTimeout` accepts at most this delay (about 24.8 days); longer waits go in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** When Twitch could not be asked at expiry (network), ask again after this long. */
const RECHECK_AFTER_FAILURE_MS = 30_000;

/**
 * An auth provider for a user access token that has no refresh token (Twitch CLI mock tokens,
 * implicit-grant tokens from token-generator sites): the service uses it while Twitch accepts it,
 * and says when that ends.
 *
 * It cannot renew the token, so "refreshing" asks Twitch whether it still accepts it: Twurple
 * refreshes after a 401, and the service before resubscribing EventSub. When Twitch refuses the
 * token then, or at its expiry (`watchExpiry`), `rejected$` fires, once.
 */
export class NonRenewableAuthProvider implements AuthProvider {
  private readonly rejections = new Subject<TokenRejection>();
  private checking: Promise<AccessTokenWithUserId> | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private isRejected = false;
  private stopped = false;

  private constructor(
    readonly clientId: string,
    private readonly accessToken: string,
    /** The user the token belongs to. */
    readonly userId: string,
    /** The scopes the token carries. */
    readonly scopes: readonly string[],
    private expiry: Date | null,
    private readonly validate: ValidateToken,
  ) {}

  /**
   * Validates `accessToken` with Twitch and returns a provider for it, or throws
   * `InvalidTokenError` when Twitch refuses it (or reports it already expired, as the Twitch CLI's
   * mock server does instead of refusing). The token's client id is `validation.clientId`.
   */
  static async forToken(
    accessToken: string,
    clientId: string,
    validate: ValidateToken = getTokenInfo,
  ): Promise<{ provider: NonRenewableAuthProvider; validation: TokenValidation }> {
    const validation = await validate(accessToken, clientId);
    if (!validation.userId) {
      throw new InvalidTokenError({
        cause: new Error('The token is an app access token, not a user access token'),
      });
    }
    if (hasPassed(validation.expiryDate)) throw new InvalidTokenError();
    const provider = new NonRenewableAuthProvider(
      clientId,
      accessToken,
      validation.userId,
      validation.scopes,
      validation.expiryDate,
      validate,
    );
    return { provider, validation };
  }

  /** When the token expires, as Twitch last said (null: never, as far as Twitch says). */
  get expiresAt(): Date | null {
    return this.expiry;
  }

  /** Whether `other` holds the same access token (the token itself stays inside both). */
  holdsSameTokenAs(other: NonRenewableAuthProvider): boolean {
    return other.accessToken === this.accessToken;
  }

  /** Fires once when Twitch no longer accepts the token (expired or revoked). */
  get rejected$(): Observable<TokenRejection> {
    return this.rejections.asObservable();
  }

  getCurrentScopesForUser(): string[] {
    return [...this.scopes];
  }

  async getAccessTokenForUser(
    user: UserIdResolvable,
    ...scopeSets: Array<string[] | undefined>
  ): Promise<AccessTokenWithUserId | null> {
    if (extractUserId(user) !== this.userId) return null;
    for (const wanted of scopeSets) {
      if (wanted?.length && !wanted.some((scope) => this.scopes.includes(scope))) {
        throw new Error(
          `This token does not have any of the requested scopes (${wanted.join(', ')}) and cannot be renewed or upgraded.`,
        );
      }
    }
    return this.token();
  }

  async getAnyAccessToken(): Promise<AccessTokenMaybeWithUserId> {
    return this.token();
  }

  /**
   * Cannot renew: asks Twitch whether it still accepts the token, and returns it when it does;
   * otherwise `rejected$` fires and this throws `InvalidTokenError`. Concurrent calls share one
   * question to Twitch.
   */
  refreshAccessTokenForUser(user: UserIdResolvable): Promise<AccessTokenWithUserId> {
    if (extractUserId(user) !== this.userId) {
      return Promise.reject(new Error(`This provider holds no token for user ${String(user)}`));
    }
    this.checking ??= this.check().finally(() => (this.checking = undefined));
    return this.checking;
  }

  /** Asks Twitch about the token when it expires (and again if Twitch then still accepts it). */
  watchExpiry(): void {
    clearTimeout(this.expiryTimer);
    if (this.stopped || this.isRejected || !this.expiry) return;
    const waitMs = Math.max(0, this.expiry.getTime() - Date.now());
    this.expiryTimer = setTimeout(
      () => {
        if (this.expiry && !hasPassed(this.expiry))
          this.watchExpiry(); // a step of a long wait
        else this.checkAtExpiry();
      },
      Math.min(waitMs, MAX_TIMER_MS),
    );
    this.expiryTimer.unref();
  }

  /** Stops watching the expiry (the session moved on); `rejected$` no longer fires. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.expiryTimer);
    this.rejections.complete();
  }

  private async check(): Promise<AccessTokenWithUserId> {
    if (this.isRejected) throw new InvalidTokenError();
    try {
      const validation = await this.validate(this.accessToken, this.clientId);
      this.expiry = validation.expiryDate;
      if (hasPassed(validation.expiryDate)) throw new InvalidTokenError();
    } catch (error) {
      if (error instanceof InvalidTokenError) this.reject();
      throw error;
    }
    return this.token();
  }

  private reject(): void {
    if (this.isRejected) return;
    this.isRejected = true;
    clearTimeout(this.expiryTimer);
    if (!this.stopped)
      this.rejections.next({ expired: hasPassed(this.expiry), expiresAt: this.expiry });
  }

  /** Asks Twitch whether the expired token still works; then watches on, or asks again soon. */
  private checkAtExpiry(): void {
    if (this.stopped) return;
    this.refreshAccessTokenForUser(this.userId).then(
      () => this.watchExpiry(),
      (error: unknown) => {
        if (error instanceof InvalidTokenError || this.stopped) return; // rejected$ told
        this.expiryTimer = setTimeout(() => this.checkAtExpiry(), RECHECK_AFTER_FAILURE_MS);
        this.expiryTimer.unref();
      },
    );
  }

  private token(): AccessTokenWithUserId {
    return {
      accessToken: this.accessToken,
      refreshToken: null,
      scope: [...this.scopes],
      // Unknown to Twurple on purpose: this provider watches the expiry itself, and Twurple would
      // otherwise "refresh" (ask Twitch) before every request in the token's last minute.
      expiresIn: null,
      obtainmentTimestamp: Date.now(),
      userId: this.userId,
    };
  }
}

/** Whether `date` is now or past. Twitch's validate says expires_in 0 or less for such a token. */
function hasPassed(date: Date | null): boolean {
  return date !== null && date.getTime() <= Date.now();
}
