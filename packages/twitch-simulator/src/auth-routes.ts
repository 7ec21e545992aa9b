import { activateForm, activateResult } from './activate-page.js';
import type { DeviceAuthorizations } from './device-authorizations.js';
import { TwitchHttpError, type HttpExchange } from './http-exchange.js';
import type { TokenResponse, TokenStore } from './token-store.js';
import type { SimulatedUser, UserDirectory } from './user-directory.js';

/** The applications the simulated OAuth server knows. */
export interface KnownApplications {
  /** Client ids it accepts. */
  readonly clientIds: ReadonlySet<string>;
  /** The one client secret it accepts, or null for any. */
  readonly clientSecret: string | null;
}

/** What the simulated user does on the authorize page. */
export interface AuthorizeDecision {
  readonly approve: boolean;
  /** Who signs in when approving. */
  readonly user: SimulatedUser;
}

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';

/**
 * Twitch's OAuth server under `/auth/<endpoint>` (Twurple's mock layout): `validate`, `token`
 * (refresh, authorization code, client credentials and device code grants), `device`, `revoke` and
 * `authorize`, plus the `/activate` page where a person approves a device code.
 */
export class AuthRoutes {
  constructor(
    private readonly applications: KnownApplications,
    private readonly tokens: TokenStore,
    private readonly devices: DeviceAuthorizations,
    private readonly users: UserDirectory,
    /** `http://localhost:PORT`, for `verification_uri`. */
    private readonly baseUrl: () => string,
    /** What happens on the authorize page right now. */
    private readonly authorizeDecision: () => AuthorizeDecision,
    private readonly defaultUser: SimulatedUser,
  ) {}

  /** Answers `/auth/<endpoint>`. */
  async handle(exchange: HttpExchange, endpoint: string): Promise<void> {
    switch (endpoint) {
      case 'validate':
        return this.validate(exchange);
      case 'token':
        requirePost(exchange);
        return exchange.sendJson(200, await this.token(await exchange.parameters()));
      case 'device':
        requirePost(exchange);
        return exchange.sendJson(200, this.device(await exchange.parameters()));
      case 'revoke':
        requirePost(exchange);
        this.revoke(await exchange.parameters());
        return exchange.sendEmpty(200);
      case 'authorize':
        return exchange.redirect(this.authorize(exchange.url.searchParams));
      default:
        throw new TwitchHttpError(404, `The simulator does not serve /oauth2/${endpoint}`);
    }
  }

  /** Answers the `/activate` page (GET: the form; POST: a decision). */
  async handleActivate(exchange: HttpExchange): Promise<void> {
    if (exchange.method !== 'POST') {
      const code = exchange.url.searchParams.get('device-code') ?? '';
      return exchange.sendHtml(200, activateForm(code, this.defaultUser.login));
    }
    const params = await exchange.parameters();
    const userCode = params.get('user_code') ?? '';
    const login = params.get('login')?.trim();
    const approve = params.get('decision') !== 'deny';
    const done = approve
      ? this.devices.approve(userCode, this.users.resolve(login || this.defaultUser.login).id)
      : this.devices.deny(userCode);
    const outcome = done ? (approve ? 'approved' : 'denied') : 'unknown';
    return exchange.sendHtml(done ? 200 : 404, activateResult(outcome, userCode));
  }

  private validate(exchange: HttpExchange): void {
    const header = exchange.header('authorization');
    if (!header) throw new TwitchHttpError(401, 'missing authorization token');
    const token = header.trim().split(/\s+/)[1] ?? '';
    const info = this.tokens.validate(token);
    if (!info) throw new TwitchHttpError(401, 'invalid access token');
    const user = info.userId === null ? undefined : this.users.findById(info.userId);
    exchange.sendJson(200, {
      client_id: info.clientId,
      ...(user ? { login: user.login } : {}),
      scopes: info.scopes,
      ...(user ? { user_id: user.id } : {}),
      expires_in: info.expiresIn,
    });
  }

  private async token(params: URLSearchParams): Promise<TokenResponse> {
    const clientId = this.knownClient(params);
    const grant = params.get('grant_type');
    switch (grant) {
      case 'refresh_token': {
        this.checkSecret(params, false);
        const refreshToken = params.get('refresh_token');
        if (!refreshToken) throw new TwitchHttpError(400, 'missing refresh token');
        const issued = this.tokens.refresh(clientId, refreshToken);
        if (!issued) throw new TwitchHttpError(400, 'Invalid refresh token');
        return issued;
      }
      case 'authorization_code': {
        this.checkSecret(params, true);
        const issued = this.tokens.redeemAuthorizationCode(
          clientId,
          params.get('code') ?? '',
          params.get('redirect_uri') ?? '',
        );
        if (!issued) throw new TwitchHttpError(400, 'Invalid authorization code');
        return issued;
      }
      case 'client_credentials':
        this.checkSecret(params, true);
        return this.tokens.issueAppToken(clientId);
      case DEVICE_GRANT: {
        const deviceCode = params.get('device_code');
        if (!deviceCode) throw new TwitchHttpError(400, 'missing device_code');
        const result = this.devices.poll(clientId, deviceCode);
        if (result.outcome !== 'approved') throw new TwitchHttpError(400, result.outcome);
        const { authorization } = result;
        return this.tokens.issueUserToken(
          clientId,
          authorization.userId ?? this.defaultUser.id,
          authorization.scopes,
        );
      }
      default:
        throw new TwitchHttpError(
          400,
          grant ? `unsupported grant_type: ${grant}` : 'missing grant_type',
        );
    }
  }

  private device(params: URLSearchParams): Record<string, unknown> {
    const clientId = this.knownClient(params);
    const scopes = (params.get('scopes') ?? params.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const authorization = this.devices.start(clientId, scopes);
    const verification = new URL('/activate', this.baseUrl());
    verification.searchParams.set('public', 'true');
    verification.searchParams.set('device-code', authorization.userCode);
    return {
      device_code: authorization.deviceCode,
      expires_in: this.devices.timings.expiresInSeconds,
      interval: this.devices.timings.intervalSeconds,
      user_code: authorization.userCode,
      verification_uri: verification.toString(),
    };
  }

  private revoke(params: URLSearchParams): void {
    const clientId = params.get('client_id') ?? '';
    if (!this.applications.clientIds.has(clientId))
      throw new TwitchHttpError(404, 'client does not exist');
    const token = params.get('token');
    if (!token) throw new TwitchHttpError(400, 'missing oauth token');
    if (!this.tokens.revokeAccessToken(clientId, token))
      throw new TwitchHttpError(400, 'Invalid token');
  }

  /** Where the browser goes next: straight back to `redirect_uri`, as if the user clicked Authorize (or Cancel). */
  private authorize(query: URLSearchParams): string {
    const clientId = this.knownClient(query);
    const redirectUri = query.get('redirect_uri') ?? '';
    let redirect: URL;
    try {
      redirect = new URL(redirectUri);
    } catch {
      throw new TwitchHttpError(400, 'Parameter redirect_uri does not match registered URI');
    }
    const responseType = query.get('response_type');
    if (responseType !== 'code' && responseType !== 'token') {
      throw new TwitchHttpError(400, 'Unsupported response_type; use code or token');
    }
    const scopes = (query.get('scope') ?? '').split(/\s+/).filter(Boolean);
    const state = query.get('state');
    const decision = this.authorizeDecision();
    if (!decision.approve) {
      redirect.searchParams.set('error', 'access_denied');
      redirect.searchParams.set('error_description', 'The user denied you access');
      if (state !== null) redirect.searchParams.set('state', state);
      return redirect.toString();
    }
    if (responseType === 'token') {
      const issued = this.tokens.issueUserToken(clientId, decision.user.id, scopes);
      const fragment = new URLSearchParams({
        access_token: issued.access_token,
        scope: scopes.join(' '),
        token_type: 'bearer',
      });
      if (state !== null) fragment.set('state', state);
      redirect.hash = fragment.toString();
      return redirect.toString();
    }
    const code = this.tokens.createAuthorizationCode(
      clientId,
      decision.user.id,
      scopes,
      redirectUri,
    );
    redirect.searchParams.set('code', code);
    redirect.searchParams.set('scope', scopes.join(' '));
    if (state !== null) redirect.searchParams.set('state', state);
    return redirect.toString();
  }

  private knownClient(params: URLSearchParams): string {
    const clientId = params.get('client_id') ?? '';
    if (!this.applications.clientIds.has(clientId))
      throw new TwitchHttpError(400, 'invalid client');
    return clientId;
  }

  private checkSecret(params: URLSearchParams, required: boolean): void {
    const secret = params.get('client_secret');
    if (!secret) {
      if (required) throw new TwitchHttpError(400, 'missing client secret');
      return;
    }
    const expected = this.applications.clientSecret;
    if (expected !== null && secret !== expected)
      throw new TwitchHttpError(403, 'invalid client secret');
  }
}

function requirePost(exchange: HttpExchange): void {
  if (exchange.method !== 'POST') throw new TwitchHttpError(405, 'Method Not Allowed');
}
