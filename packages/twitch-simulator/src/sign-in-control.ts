import type { AuthorizeDecision } from './auth-routes.js';
import type { DeviceAuthorizations } from './device-authorizations.js';
import type { EventSubSocketServer } from './eventsub-socket-server.js';
import { BROADCASTER_SCOPES, DEFAULT_CLIENT_ID } from './simulator-constants.js';
import type { MintedUserToken } from './simulator-types.js';
import type { SubscriptionRegistry } from './subscription-registry.js';
import type { TokenStore } from './token-store.js';
import { SimulatorInputError, type SimulatedUser, type UserDirectory } from './user-directory.js';

/** What `mintUserToken` takes; every field is optional. */
export interface MintUserTokenOptions {
  /** Whose token (login or id; default: the broadcaster). */
  user?: string;
  /** Default: `BROADCASTER_SCOPES`. */
  scopes?: readonly string[];
  expiresInSeconds?: number;
  clientId?: string;
}

/** A device code waiting for a person, as the control API shows it. */
export interface PendingDeviceCode {
  userCode: string;
  scopes: readonly string[];
  expiresAt: string;
}

/**
 * Grants from outside the browser: minting tokens, answering device codes and `/auth/authorize`,
 * and taking grants back (refresh tokens spent, the app disconnected, access tokens expired).
 * Names a user by login or id; the default broadcaster when none is named.
 */
export class SignInControl {
  private authorizeDecision: AuthorizeDecision;

  constructor(
    private readonly users: UserDirectory,
    private readonly tokens: TokenStore,
    private readonly devices: DeviceAuthorizations,
    private readonly registry: SubscriptionRegistry,
    private readonly sockets: EventSubSocketServer,
    private readonly broadcaster: SimulatedUser,
  ) {
    this.authorizeDecision = { approve: true, user: broadcaster };
  }

  /** What `/auth/authorize` does now. */
  get decision(): AuthorizeDecision {
    return this.authorizeDecision;
  }

  /** Mints a user access token and refresh token (unless refresh tokens are off) without a browser. */
  mintUserToken(options: MintUserTokenOptions = {}): MintedUserToken {
    const user = this.userOf(options.user);
    const clientId = options.clientId ?? DEFAULT_CLIENT_ID;
    const expires = options.expiresInSeconds;
    if (expires !== undefined && !(Number.isInteger(expires) && expires > 0)) {
      throw new SimulatorInputError(
        `expiresInSeconds must be a positive whole number, not ${String(expires)}`,
      );
    }
    const issued = this.tokens.issueUserToken(
      clientId,
      user.id,
      options.scopes ?? BROADCASTER_SCOPES,
      expires,
    );
    return {
      accessToken: issued.access_token,
      refreshToken: issued.refresh_token ?? '',
      scope: issued.scope,
      expiresIn: issued.expires_in,
      obtainmentTimestamp: Date.now(),
      userId: user.id,
      login: user.login,
      clientId,
    };
  }

  /** Approves a pending device code as `user`; false when no such code waits. */
  approveDeviceCode(userCode: string, user?: string): boolean {
    return this.devices.approve(userCode, this.userOf(user).id);
  }

  /** Denies a pending device code; false when no such code waits. */
  denyDeviceCode(userCode: string): boolean {
    return this.devices.deny(userCode);
  }

  /** Device codes waiting for a person. */
  pendingDeviceCodes(): PendingDeviceCode[] {
    return this.devices.pending().map((a) => ({
      userCode: a.userCode,
      scopes: a.scopes,
      expiresAt: new Date(a.expiresAt).toISOString(),
    }));
  }

  /** What `/auth/authorize` does from now on: approve as `user`, or deny. */
  setAuthorizeDecision(decision: { approve: boolean; user?: string }): void {
    this.authorizeDecision = { approve: decision.approve, user: this.userOf(decision.user) };
  }

  /** Spends a user's refresh tokens: refreshing gives 400 `Invalid refresh token`. */
  revokeRefreshTokens(user?: string): number {
    return this.tokens.revokeRefreshTokens({ userId: this.userOf(user).id });
  }

  /**
   * The user disconnects the app: every token of theirs stops working and their EventSub
   * subscriptions are revoked with `authorization_revoked`, as on Twitch. Returns how many grants.
   */
  revokeAuthorization(user?: string): number {
    const userId = this.userOf(user).id;
    const grants = this.tokens.revokeUser(userId);
    for (const sub of this.registry.all()) {
      if (sub.userId === userId && sub.status === 'enabled') {
        this.sockets.revoke(sub, 'authorization_revoked');
      }
    }
    return grants;
  }

  /** Makes a user's access tokens expire now (refresh tokens still work). Returns how many. */
  expireAccessTokens(user?: string): number {
    return this.tokens.expireAccessTokens(this.userOf(user).id);
  }

  private userOf(loginOrId: string | undefined): SimulatedUser {
    return this.users.resolveOr(loginOrId, this.broadcaster);
  }
}
