import { randomToken, randomUserCode } from './random-ids.js';

/** One Device Code Flow sign-in in progress. */
export interface DeviceAuthorization {
  readonly deviceCode: string;
  readonly userCode: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly expiresAt: number;
  state: 'pending' | 'approved' | 'denied' | 'redeemed';
  /** Who approved it. */
  userId: string | null;
  lastPollAt: number | null;
}

/** What a poll of the token endpoint learns; the names are the OAuth error codes Twitch sends. */
export type DevicePollOutcome =
  | { readonly outcome: 'approved'; readonly authorization: DeviceAuthorization }
  | {
      readonly outcome:
        | 'authorization_pending'
        | 'slow_down'
        | 'expired_token'
        | 'access_denied'
        | 'invalid device code';
    };

/** Lifetimes of device codes. */
export interface DeviceCodeTimings {
  /** `expires_in` of a device code (Twitch: 1800 s). */
  readonly expiresInSeconds: number;
  /** `interval`: the least time between polls; polling faster gets `slow_down` (Twitch: 5 s). */
  readonly intervalSeconds: number;
}

/**
 * Device Code Flow sign-ins: a device asks for a code, a person approves or denies it on another
 * device (`/activate`), and the device polls until it has an answer.
 */
export class DeviceAuthorizations {
  private readonly byDeviceCode = new Map<string, DeviceAuthorization>();

  constructor(
    readonly timings: DeviceCodeTimings,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts a sign-in for `clientId` asking for `scopes`. */
  start(clientId: string, scopes: readonly string[]): DeviceAuthorization {
    const authorization: DeviceAuthorization = {
      deviceCode: randomToken(40),
      userCode: randomUserCode(),
      clientId,
      scopes: [...scopes],
      expiresAt: this.now() + this.timings.expiresInSeconds * 1000,
      state: 'pending',
      userId: null,
      lastPollAt: null,
    };
    this.byDeviceCode.set(authorization.deviceCode, authorization);
    return authorization;
  }

  /** The pending sign-in with this user code (case-insensitive). */
  findPending(userCode: string): DeviceAuthorization | undefined {
    const wanted = userCode.trim().toUpperCase();
    return [...this.byDeviceCode.values()].find(
      (a) => a.userCode === wanted && a.state === 'pending' && a.expiresAt > this.now(),
    );
  }

  /** Sign-ins waiting for a person, oldest first. */
  pending(): DeviceAuthorization[] {
    return [...this.byDeviceCode.values()].filter(
      (a) => a.state === 'pending' && a.expiresAt > this.now(),
    );
  }

  /** Approves a pending sign-in as `userId`; false when there is no such pending code. */
  approve(userCode: string, userId: string): boolean {
    const authorization = this.findPending(userCode);
    if (!authorization) return false;
    authorization.state = 'approved';
    authorization.userId = userId;
    return true;
  }

  /** Denies a pending sign-in; false when there is no such pending code. */
  deny(userCode: string): boolean {
    const authorization = this.findPending(userCode);
    if (!authorization) return false;
    authorization.state = 'denied';
    return true;
  }

  /** One poll by the device. An approved code is redeemed once; after that it is unknown. */
  poll(clientId: string, deviceCode: string): DevicePollOutcome {
    const authorization = this.byDeviceCode.get(deviceCode);
    if (
      !authorization ||
      authorization.clientId !== clientId ||
      authorization.state === 'redeemed'
    ) {
      return { outcome: 'invalid device code' };
    }
    const now = this.now();
    if (authorization.expiresAt <= now) return { outcome: 'expired_token' };
    if (authorization.state === 'denied') return { outcome: 'access_denied' };
    const tooSoon =
      authorization.lastPollAt !== null &&
      now - authorization.lastPollAt < this.timings.intervalSeconds * 1000;
    authorization.lastPollAt = now;
    if (tooSoon) return { outcome: 'slow_down' };
    if (authorization.state === 'pending') return { outcome: 'authorization_pending' };
    authorization.state = 'redeemed';
    return { outcome: 'approved', authorization };
  }
}
