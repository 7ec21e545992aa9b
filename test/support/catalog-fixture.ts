import { jest } from '@jest/globals';
import { BehaviorSubject } from 'rxjs';
import type { RefreshableCatalog } from '../../src/helix-catalogs/refreshable-catalog.js';
import type {
  ActiveTwitchSession,
  TwitchSession,
  TwitchSessionState,
} from '../../src/twitch/twitch-session.js';

/** The session a catalog's unit test opens: broadcaster 1, signed in as 1. */
export const CATALOG_TEST_SESSION = {
  userId: '1',
  broadcaster: { id: '1' },
} as unknown as ActiveTwitchSession;

/**
 * A `RefreshableCatalog` started on a Twitch session whose state the test sets, under Jest's fake
 * timers (so its reads every few hours are a call away); `stop` shuts it down and puts the real
 * timers back.
 */
export class CatalogFixture<C extends RefreshableCatalog<unknown>> {
  private readonly states = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });
  readonly catalog: C;

  constructor(make: (twitch: TwitchSession) => C) {
    jest.useFakeTimers();
    this.catalog = make({ state$: this.states.asObservable() } as unknown as TwitchSession);
    this.catalog.onApplicationBootstrap();
  }

  /** Opens a session and lets the read it starts settle. */
  async open(session = CATALOG_TEST_SESSION): Promise<void> {
    this.states.next({ state: 'ok', session });
    await this.advance(0);
  }

  /** Ends the session (signed out). */
  end(): void {
    this.states.next({ state: 'signed-out', detail: 'signed out' });
  }

  /** Lets the timers due by then fire, and the reads they start settle. */
  async advance(ms: number): Promise<void> {
    await jest.advanceTimersByTimeAsync(ms);
  }

  stop(): void {
    this.catalog.onApplicationShutdown();
    jest.useRealTimers();
  }
}
