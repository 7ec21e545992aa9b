import { BehaviorSubject, type Observable } from 'rxjs';
import type { TwitchSessionState } from '../../src/twitch/twitch-session.js';

/**
 * Stands in for `TwitchSession` in tests of what lies after the bus (the stream, widgets, alerts):
 * a session that never connects, so EventSub and the poller stay idle and the tests publish into
 * the bus themselves.
 */
export class DormantTwitchSession {
  private readonly subject = new BehaviorSubject<TwitchSessionState>({ state: 'connecting' });

  get state$(): Observable<TwitchSessionState> {
    return this.subject.asObservable();
  }

  get eventSubState$(): Observable<TwitchSessionState> {
    return this.subject.asObservable();
  }

  get current(): TwitchSessionState {
    return this.subject.value;
  }

  get requiredScopes(): string[] {
    return [];
  }

  connect(): Promise<TwitchSessionState> {
    return Promise.resolve(this.current);
  }

  markUnauthorized(): void {}
}
