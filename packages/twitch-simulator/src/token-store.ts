import { randomToken } from './random-ids.js';

/** One authorization: a user (or an app) granted an application some scopes. */
interface Grant {
  readonly clientId: string;
  /** null for an app access token (client credentials). */
  readonly userId: string | null;
  readonly scopes: readonly string[];
  revoked: boolean;
}

interface AccessTokenRecord {
  readonly grant: Grant;
  expiresAt: number;
}

interface RefreshTokenRecord {
  readonly grant: Grant;
  /** Rotated away or revoked: it no longer refreshes. */
  spent: boolean;
}

interface AuthorizationCodeRecord {
  readonly grant: Grant;
  readonly redirectUri: string;
  readonly expiresAt: number;
}

/** What `/auth/validate` says about a valid access token. */
export interface AccessTokenInfo {
  readonly token: string;
  readonly clientId: string;
  readonly userId: string | null;
  readonly scopes: readonly string[];
  /** Whole seconds left. */
  readonly expiresIn: number;
}

/** A token response, exactly as Twitch's `/oauth2/token` sends it. */
export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  expires_in: number;
  scope: string[];
  token_type: 'bearer';
}

/** Lifetime of an authorization code (Twitch's are short-lived and single-use). */
const AUTHORIZATION_CODE_MS = 10 * 60 * 1000;

/**
 * Access tokens, refresh tokens and authorization codes. Refresh tokens rotate: using one issues a
 * new pair and the old refresh token stops working, so a client that refreshes twice with the same
 * token (or keeps an old one on disk) sees `Invalid refresh token`. Without `withRefreshTokens`,
 * user tokens come alone, as the Twitch CLI's mock server mints them.
 */
export class TokenStore {
  private readonly accessTokens = new Map<string, AccessTokenRecord>();
  private readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  private readonly codes = new Map<string, AuthorizationCodeRecord>();

  constructor(
    /** `expires_in` of new access tokens, in seconds (Twitch: about four hours). */
    private readonly accessTokenSeconds: number,
    private readonly now: () => number = Date.now,
    /** Whether user tokens come with a refresh token (Twitch: yes; the Twitch CLI: no). */
    private readonly withRefreshTokens = true,
  ) {}

  /** Issues a user access token and refresh token. */
  issueUserToken(
    clientId: string,
    userId: string,
    scopes: readonly string[],
    expiresInSeconds?: number,
  ): TokenResponse {
    return this.issue({ clientId, userId, scopes: [...scopes], revoked: false }, expiresInSeconds);
  }

  /** Issues an app access token (client credentials: no user, no scopes, no refresh token). */
  issueAppToken(clientId: string): TokenResponse {
    const grant: Grant = { clientId, userId: null, scopes: [], revoked: false };
    const access = randomToken();
    this.accessTokens.set(access, {
      grant,
      expiresAt: this.now() + this.accessTokenSeconds * 1000,
    });
    return {
      access_token: access,
      expires_in: this.accessTokenSeconds,
      scope: [],
      token_type: 'bearer',
    };
  }

  /** The token's facts, or null when it is unknown, expired or revoked. */
  validate(token: string): AccessTokenInfo | null {
    const record = this.accessTokens.get(token);
    if (!record || record.grant.revoked) return null;
    const left = record.expiresAt - this.now();
    if (left <= 0) return null;
    const { clientId, userId, scopes } = record.grant;
    return { token, clientId, userId, scopes, expiresIn: Math.floor(left / 1000) };
  }

  /** Uses a refresh token: a new access token and a new refresh token; null when it is not valid. */
  refresh(clientId: string, refreshToken: string): TokenResponse | null {
    const record = this.refreshTokens.get(refreshToken);
    if (!record || record.spent || record.grant.revoked || record.grant.clientId !== clientId)
      return null;
    record.spent = true;
    return this.issue(record.grant);
  }

  /** Makes a single-use authorization code for the OAuth code flow. */
  createAuthorizationCode(
    clientId: string,
    userId: string,
    scopes: readonly string[],
    redirectUri: string,
  ): string {
    const code = randomToken();
    this.codes.set(code, {
      grant: { clientId, userId, scopes: [...scopes], revoked: false },
      redirectUri,
      expiresAt: this.now() + AUTHORIZATION_CODE_MS,
    });
    return code;
  }

  /** Exchanges an authorization code (once) for tokens; null when unknown, used, expired or mismatched. */
  redeemAuthorizationCode(
    clientId: string,
    code: string,
    redirectUri: string,
  ): TokenResponse | null {
    const record = this.codes.get(code);
    this.codes.delete(code);
    if (!record || record.expiresAt < this.now()) return null;
    if (record.grant.clientId !== clientId || record.redirectUri !== redirectUri) return null;
    return this.issue(record.grant);
  }

  /** Revokes an access token (`/oauth2/revoke`) and the refresh tokens of its grant. */
  revokeAccessToken(clientId: string, token: string): boolean {
    const record = this.accessTokens.get(token);
    if (!record || record.grant.clientId !== clientId) return false;
    record.grant.revoked = true;
    return true;
  }

  /** Spends the refresh tokens of a user (or one refresh token); access tokens keep working. Returns how many. */
  revokeRefreshTokens(filter: { userId?: string; refreshToken?: string }): number {
    let count = 0;
    for (const [token, record] of this.refreshTokens) {
      const hit = filter.refreshToken
        ? token === filter.refreshToken
        : record.grant.userId === filter.userId;
      if (hit && !record.spent) {
        record.spent = true;
        count++;
      }
    }
    return count;
  }

  /** Revokes every grant of a user (they disconnected the app): tokens stop validating. Returns how many. */
  revokeUser(userId: string): number {
    const grants = new Set<Grant>();
    for (const record of [...this.accessTokens.values(), ...this.refreshTokens.values()]) {
      if (record.grant.userId === userId && !record.grant.revoked) grants.add(record.grant);
    }
    for (const grant of grants) grant.revoked = true;
    return grants.size;
  }

  /** Makes a user's access tokens expire now (refresh tokens keep working). Returns how many. */
  expireAccessTokens(userId: string): number {
    let count = 0;
    for (const record of this.accessTokens.values()) {
      if (record.grant.userId === userId && record.expiresAt > this.now()) {
        record.expiresAt = this.now();
        count++;
      }
    }
    return count;
  }

  private issue(grant: Grant, expiresInSeconds = this.accessTokenSeconds): TokenResponse {
    const access = randomToken();
    this.accessTokens.set(access, { grant, expiresAt: this.now() + expiresInSeconds * 1000 });
    const response: TokenResponse = {
      access_token: access,
      expires_in: expiresInSeconds,
      scope: [...grant.scopes],
      token_type: 'bearer',
    };
    if (!this.withRefreshTokens) return response;
    const refresh = randomToken(50);
    this.refreshTokens.set(refresh, { grant, spent: false });
    return { ...response, refresh_token: refresh };
  }
}
