import { Injectable, Logger } from '@nestjs/common';
import { startDeviceCodeFlow } from '@twurple/auth';
import { TokenSource } from '../twitch/token-source.js';
import { describeTwitchError } from '../twitch/twitch-errors.js';
import { TwitchSession } from '../twitch/twitch-session.js';
import { DeviceFlowEnded, pollDeviceCode } from './device-code-poller.js';

/** What the dashboard shows of a Device Code Flow sign-in. */
export type DeviceSignInView =
  | { state: 'waiting'; userCode: string; verificationUri: string; expiresAt: string }
  | { state: 'connected'; broadcaster: string }
  | { state: 'expired' | 'denied' | 'failed'; detail: string };

/** `GET /api/admin/twitch/device`: the sign-in under way, or `idle` when there is none. */
export type DeviceSignInStatus = DeviceSignInView | { state: 'idle' };

/**
 * "Connect Twitch" from the dashboard, with Twitch's Device Code Flow: shows a code and a URL,
 * waits in the background for the streamer to approve it, then signs the session in. One flow at
 * a time; starting again replaces the one under way.
 */
@Injectable()
export class DeviceCodeSignIn {
  private readonly logger = new Logger('SignIn');
  private view: DeviceSignInView | null = null;
  private flow = 0;

  constructor(
    private readonly tokens: TokenSource,
    private readonly session: TwitchSession,
  ) {}

  /** The flow under way or the last one's outcome; null before the first. */
  get current(): DeviceSignInView | null {
    return this.view;
  }

  /** Asks Twitch for a code and starts waiting for the streamer to enter it. */
  async start(): Promise<DeviceSignInView> {
    const flow = ++this.flow;
    const scopes = this.session.requiredScopes;
    let info;
    try {
      info = await startDeviceCodeFlow(this.tokens.clientId, scopes);
    } catch (error) {
      this.view = {
        state: 'failed',
        detail: `Could not start the sign-in: ${describeTwitchError(error)}`,
      };
      return this.view;
    }
    this.view = {
      state: 'waiting',
      userCode: info.userCode,
      verificationUri: info.verificationUri,
      expiresAt: new Date(Date.now() + info.expiresIn * 1000).toISOString(),
    };
    this.logger.log(`Waiting for the sign-in at ${info.verificationUri}.`);
    void pollDeviceCode(this.tokens.clientId, info, scopes, { cancelled: () => flow !== this.flow })
      .then(async (token) => {
        if (flow !== this.flow) return;
        const state = await this.session.signIn({
          ...token,
          refreshToken: token.refreshToken ?? null,
        });
        this.view =
          state.state === 'ok'
            ? { state: 'connected', broadcaster: state.session.broadcaster.login }
            : {
                state: 'failed',
                detail: 'detail' in state ? state.detail : 'Could not connect to Twitch.',
              };
      })
      .catch((error: unknown) => {
        if (flow !== this.flow) return;
        const ended: DeviceSignInView =
          error instanceof DeviceFlowEnded
            ? { state: error.reason, detail: error.message }
            : { state: 'failed', detail: describeTwitchError(error) };
        this.view = ended;
        this.logger.warn(`Sign-in ended: ${ended.detail}`);
      });
    return this.view;
  }
}
