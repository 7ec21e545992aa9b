import type { TwitchSessionState } from '../twitch/twitch-session.js';
import { eventsMissingScope } from '../twitch/required-scopes.js';
import type { TwitchEventType } from '../contract/twitch-events.js';

/** What the API says about the session: never a token, only who and what is missing. */
export interface SessionView {
  state: string;
  broadcaster?: string;
  scopes?: readonly string[];
  /** Configured event types the token has no scope for. */
  missing?: TwitchEventType[];
  detail?: string;
}

/** `POST /api/admin/twitch/oauth`: where to send the browser to sign in with Twitch. */
export interface OAuthSignInUrl {
  /** Twitch's consent page, with a fresh `state`. */
  url: string;
}

/** The session state without Twurple's objects (which hold tokens). */
export function sessionView(
  state: TwitchSessionState,
  events: readonly TwitchEventType[],
): SessionView {
  if (state.state !== 'ok')
    return { state: state.state, ...('detail' in state ? { detail: state.detail } : {}) };
  const { broadcaster, scopes } = state.session;
  return {
    state: 'ok',
    broadcaster: broadcaster.login,
    scopes,
    missing: eventsMissingScope(events, scopes),
  };
}
