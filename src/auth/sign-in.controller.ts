import { Controller, Get, HttpCode, Post, Query, Redirect, Res, UseGuards } from '@nestjs/common';
import type { Response } from 'express';
import { AdminGuard } from '../admin/admin.guard.js';
import { AppConfig } from '../config/app-config.js';
import { TokenSource } from '../twitch/token-source.js';
import { TwitchSession } from '../twitch/twitch-session.js';
import { DeviceCodeSignIn, type DeviceSignInView } from './device-code-sign-in.js';
import { OAuthCodeSignIn } from './oauth-code-sign-in.js';
import { resultPage } from './result-page.js';
import { sessionView, type SessionView } from './session-view.js';

/** Signing the service in to Twitch: Device Code Flow, OAuth code flow, reconnect, sign-out. */
@Controller()
export class SignInController {
  constructor(
    private readonly config: AppConfig,
    private readonly session: TwitchSession,
    private readonly tokens: TokenSource,
    private readonly device: DeviceCodeSignIn,
    private readonly oauth: OAuthCodeSignIn,
  ) {}

  /** Starts "Connect Twitch" with a code to enter at twitch.tv/activate. */
  @Post('api/admin/twitch/device')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  startDevice(): Promise<DeviceSignInView> {
    return this.device.start();
  }

  /** How the Device Code Flow sign-in is going. */
  @Get('api/admin/twitch/device')
  @UseGuards(AdminGuard)
  deviceStatus(): DeviceSignInView | { state: 'idle' } {
    return this.device.current ?? { state: 'idle' };
  }

  /** The Twitch URL for "Sign in with Twitch" in the browser (for the dashboard). */
  @Post('api/admin/twitch/oauth')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  oauthUrl(): { url: string } {
    return { url: this.oauth.start() };
  }

  /** Reloads the token file and reconnects (`npm run auth` calls this after storing a token). */
  @Post('api/admin/twitch/reconnect')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  async reconnect(): Promise<SessionView> {
    return sessionView(await this.session.connect(), this.config.values.eventSubEvents);
  }

  /** Forgets the token: EventSub and the poller stop; widgets keep serving the last numbers. */
  @Post('api/admin/twitch/sign-out')
  @UseGuards(AdminGuard)
  @HttpCode(200)
  async signOut(): Promise<SessionView> {
    await this.tokens.clear();
    return sessionView(await this.session.connect(), this.config.values.eventSubEvents);
  }

  /** "Sign in with Twitch": off to Twitch's consent page. */
  @Get('auth/twitch')
  @UseGuards(AdminGuard)
  @Redirect()
  startOAuth(): { url: string; statusCode: number } {
    return { url: this.oauth.start(), statusCode: 302 };
  }

  /** Where Twitch sends the browser back: checks `state`, stores the token, says how it went. */
  @Get('auth/twitch/callback')
  async oauthCallback(
    @Query() query: { code?: string; state?: string; error?: string; error_description?: string },
    @Res() response: Response,
  ): Promise<void> {
    try {
      const state = await this.oauth.complete(query);
      const view = sessionView(state, this.config.values.eventSubEvents);
      response
        .status(view.state === 'ok' ? 200 : 400)
        .type('html')
        .send(
          view.state === 'ok'
            ? resultPage(
                'Connected to Twitch',
                `Signed in as ${view.broadcaster}. Events and stats are on their way.`,
              )
            : resultPage('Not connected', view.detail ?? 'Twitch did not accept the sign-in.'),
        );
    } catch (error) {
      const status = (error as { getStatus?: () => number }).getStatus?.() ?? 500;
      response
        .status(status)
        .type('html')
        .send(resultPage('Not connected', (error as Error).message));
    }
  }
}
