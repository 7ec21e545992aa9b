import type { Logger } from '@nestjs/common';
import { NonRenewableAuthProvider } from './non-renewable-auth-provider.js';
import type { SessionAdvice } from './session-advice.js';
import type { ActiveTwitchSession, TwitchSessionState } from './twitch-session-state.js';

/**
 * Logs each state that keeps the service from working (signed-out, unauthorized, unreachable)
 * once, with what to do, when it begins: not again on every retry, but again if it ends and comes
 * back. And says once per token when a token that cannot be renewed stops working.
 */
export class SessionProblemLog {
  /** The problem last logged, until the session works again (so a retry does not repeat it). */
  private loggedProblem: string | undefined;
  /** The non-renewable token whose expiry was last announced (announced once per token). */
  private announcedFor: NonRenewableAuthProvider | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly advice: SessionAdvice,
  ) {}

  /** Takes the session's new state: logs a problem when it begins, and a token's expiry. */
  report(state: TwitchSessionState): void {
    if (state.state === 'connecting') return; // neither a problem's end nor a new one
    if (state.state === 'standby') {
      this.loggedProblem = undefined;
      return;
    }
    if (state.state === 'ok') {
      this.loggedProblem = undefined;
      this.announceExpiry(state.session);
      return;
    }
    // A retry that fails again is the same problem, whatever the error said this time.
    const problem = state.state === 'unreachable' ? state.state : `${state.state}: ${state.detail}`;
    if (problem === this.loggedProblem) return;
    this.loggedProblem = problem;
    if (state.state === 'unauthorized') this.logger.error(state.detail);
    else this.logger.warn(state.detail);
  }

  /** Says once per token when a token that cannot be renewed stops working. */
  private announceExpiry({ authProvider, tokenExpiresAt }: ActiveTwitchSession): void {
    if (!(authProvider instanceof NonRenewableAuthProvider)) return;
    if (this.announcedFor?.holdsSameTokenAs(authProvider)) return;
    this.announcedFor = authProvider;
    this.logger.warn(this.advice.expiryNotice(tokenExpiresAt));
  }
}
