import { Controller, Get, HttpCode, Post, Query, Redirect, Res } from '@nestjs/common';
import {
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
  type ApiResponseOptions,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminOnly } from '../admin/admin-only.decorator.js';
import { errorResponse, schemaRef } from '../api-docs/schema-ref.js';
import { AppConfig } from '../config/app-config.js';
import { TokenSource } from '../twitch/token-source.js';
import { TwitchSession } from '../twitch/twitch-session.js';
import {
  DeviceCodeSignIn,
  type DeviceSignInStatus,
  type DeviceSignInView,
} from './device-code-sign-in.js';
import { OAuthCodeSignIn } from './oauth-code-sign-in.js';
import { resultPage } from './result-page.js';
import { sessionView, type OAuthSignInUrl, type SessionView } from './session-view.js';

/** Signing the service in to Twitch: Device Code Flow, OAuth code flow, reconnect, sign-out. */
@Controller()
@ApiTags('sign-in')
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
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Start "Connect Twitch" (Device Code Flow)',
    description:
      'Starts a Device Code Flow sign-in (replacing one under way): enter `userCode` at `verificationUri`; then poll `GET` for how it goes.',
  })
  @ApiResponse(json(200, 'The code to enter, and where.', 'DeviceSignInView'))
  startDevice(): Promise<DeviceSignInView> {
    return this.device.start();
  }

  /** How the Device Code Flow sign-in is going. */
  @Get('api/admin/twitch/device')
  @AdminOnly()
  @ApiOperation({ summary: 'How "Connect Twitch" is going' })
  @ApiResponse(json(200, '`idle` when no sign-in is under way.', 'DeviceSignInStatus'))
  deviceStatus(): DeviceSignInStatus {
    return this.device.current ?? { state: 'idle' };
  }

  /** The Twitch URL for "Sign in with Twitch" in the browser (for the dashboard). */
  @Post('api/admin/twitch/oauth')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'The "Sign in with Twitch" URL',
    description:
      'Needs `TWITCH_CLIENT_SECRET`; Twitch sends the browser back to `/auth/twitch/callback`.',
  })
  @ApiResponse(json(200, "Twitch's consent page.", 'OAuthSignInUrl'))
  @ApiResponse(errorResponse(400, 'TWITCH_CLIENT_SECRET is not set.'))
  oauthUrl(): OAuthSignInUrl {
    return { url: this.oauth.start() };
  }

  /** Reloads the token file and reconnects (`npm run auth` calls this after storing a token). */
  @Post('api/admin/twitch/reconnect')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Reload the token and reconnect',
    description: '`npm run auth` calls this after it stored a new token.',
  })
  @ApiResponse(json(200, 'The session after reconnecting.', 'SessionView'))
  async reconnect(): Promise<SessionView> {
    return sessionView(await this.session.connect(), this.config.eventSubEvents);
  }

  /** Forgets the token: EventSub and the poller stop; widgets keep serving the last numbers. */
  @Post('api/admin/twitch/sign-out')
  @AdminOnly()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign out of Twitch',
    description:
      'Forgets the token: EventSub and the stats poll stop; the widgets keep the last numbers.',
  })
  @ApiResponse(json(200, 'The session, signed out.', 'SessionView'))
  async signOut(): Promise<SessionView> {
    await this.tokens.clear();
    return sessionView(await this.session.connect(), this.config.eventSubEvents);
  }

  /** "Sign in with Twitch": off to Twitch's consent page. */
  @Get('auth/twitch')
  @AdminOnly()
  @Redirect()
  @ApiOperation({
    summary: '"Sign in with Twitch" in the browser',
    description:
      "Redirects to Twitch's consent page (needs `TWITCH_CLIENT_SECRET` and the redirect URI `/auth/twitch/callback` registered for the app).",
  })
  @ApiResponse({
    status: 302,
    description: "To Twitch's consent page.",
    headers: { Location: { description: "Twitch's consent page.", schema: { type: 'string' } } },
  })
  @ApiResponse(errorResponse(400, 'TWITCH_CLIENT_SECRET is not set.'))
  startOAuth(): { url: string; statusCode: number } {
    return { url: this.oauth.start(), statusCode: 302 };
  }

  /** Where Twitch sends the browser back: checks `state`, stores the token, says how it went. */
  @Get('auth/twitch/callback')
  @ApiOperation({
    summary: 'Where Twitch sends the browser back',
    description: 'Checks `state`, stores the token and says in a page how it went.',
  })
  @ApiQuery({ name: 'code', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'state', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'error', required: false, schema: { type: 'string' } })
  @ApiQuery({ name: 'error_description', required: false, schema: { type: 'string' } })
  @ApiProduces('text/html')
  @ApiResponse(page(200, 'Signed in.'))
  @ApiResponse(page(400, 'Twitch or the streamer refused, or `state` does not match.'))
  async oauthCallback(
    @Query() query: { code?: string; state?: string; error?: string; error_description?: string },
    @Res() response: Response,
  ): Promise<void> {
    try {
      const state = await this.oauth.complete(query);
      const view = sessionView(state, this.config.eventSubEvents);
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

/** A JSON answer of one of the API's types. */
function json(status: number, description: string, typeName: string): ApiResponseOptions {
  return { status, description, content: { 'application/json': { schema: schemaRef(typeName) } } };
}

/** An HTML page for the browser. */
function page(status: number, description: string): ApiResponseOptions {
  return { status, description, content: { 'text/html': { schema: { type: 'string' } } } };
}
