import {
  ForbiddenException,
  HttpException,
  UnauthorizedException,
  type ExecutionContext,
} from '@nestjs/common';
import { loadConfig } from '../config/app-config.js';
import { AdminTokenThrottle } from './admin-token-throttle.js';
import { AdminGuard } from './admin.guard.js';

interface FakeRequest {
  remoteAddress: string;
  headers: Record<string, string>;
  /** Receives the response headers the guard sets. */
  responseHeaders?: Record<string, string>;
}

function contextFor({
  remoteAddress,
  headers,
  responseHeaders = {},
}: FakeRequest): ExecutionContext {
  const request = { socket: { remoteAddress }, headers };
  const response = {
    setHeader: (name: string, value: string) => (responseHeaders[name.toLowerCase()] = value),
  };
  return {
    switchToHttp: () => ({ getRequest: () => request, getResponse: () => response }),
  } as unknown as ExecutionContext;
}

const guard = (env: Record<string, string> = {}) =>
  new AdminGuard(loadConfig(env, null), new AdminTokenThrottle());

describe('AdminGuard', () => {
  describe('without ADMIN_TOKEN', () => {
    it('lets this machine in', () => {
      for (const remoteAddress of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
        expect(
          guard().canActivate(contextFor({ remoteAddress, headers: { host: 'localhost:3000' } })),
        ).toBe(true);
      }
      expect(
        guard().canActivate(contextFor({ remoteAddress: '::1', headers: { host: '[::1]:3000' } })),
      ).toBe(true);
    });

    it('refuses another machine with 401 and says how to allow it', () => {
      const attempt = () =>
        guard().canActivate(
          contextFor({ remoteAddress: '192.0.2.7', headers: { host: '192.0.2.2:3000' } }),
        );
      expect(attempt).toThrow(UnauthorizedException);
      expect(attempt).toThrow(/Set ADMIN_TOKEN/);
    });

    it('refuses a loopback connection that names a foreign host (DNS rebinding)', () => {
      expect(() =>
        guard().canActivate(
          contextFor({ remoteAddress: '127.0.0.1', headers: { host: 'evil.example:3000' } }),
        ),
      ).toThrow(UnauthorizedException);
    });
  });

  describe('with ADMIN_TOKEN', () => {
    const withToken = () => guard({ ADMIN_TOKEN: 's3cret-token-0123' });

    it('accepts the token as a bearer token or X-Admin-Token, from anywhere', () => {
      const host = '192.0.2.2:3000';
      expect(
        withToken().canActivate(
          contextFor({
            remoteAddress: '192.0.2.7',
            headers: { host, authorization: 'Bearer s3cret-token-0123' },
          }),
        ),
      ).toBe(true);
      expect(
        withToken().canActivate(
          contextFor({
            remoteAddress: '192.0.2.7',
            headers: { host, 'x-admin-token': 's3cret-token-0123' },
          }),
        ),
      ).toBe(true);
    });

    it('refuses a missing or wrong token, even from loopback', () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer nope' },
        { 'x-admin-token': 's3cret-token-0123-but-longer' },
      ];
      for (const headers of attempts) {
        expect(() =>
          withToken().canActivate(
            contextFor({
              remoteAddress: '127.0.0.1',
              headers: { host: 'localhost:3000', ...headers },
            }),
          ),
        ).toThrow(UnauthorizedException);
      }
    });
  });

  describe('behind a reverse proxy (a loopback connection that carries forwarding headers)', () => {
    const proxied = (headers: Record<string, string>) =>
      contextFor({ remoteAddress: '127.0.0.1', headers: { host: '127.0.0.1:3000', ...headers } });

    it.each([
      [{ 'x-forwarded-for': '203.0.113.9' }],
      [{ 'x-forwarded-for': '127.0.0.1' }],
      [{ forwarded: 'for=203.0.113.9;proto=https' }],
      [{ 'x-real-ip': '203.0.113.9' }],
      [{ 'x-forwarded-host': 'stream.example.com' }],
    ])('is not this machine without TRUST_PROXY: %j', (headers) => {
      const attempt = () => guard().canActivate(proxied(headers));
      expect(attempt).toThrow(UnauthorizedException);
      expect(attempt).toThrow(/proxy.*ADMIN_TOKEN/);
    });

    it('with TRUST_PROXY=true, is this machine only when every address the proxy reports is', () => {
      const trusting = guard({ TRUST_PROXY: 'true' });
      expect(trusting.canActivate(proxied({ 'x-forwarded-for': '127.0.0.1' }))).toBe(true);
      expect(trusting.canActivate(proxied({ forwarded: 'for="[::1]:51234"' }))).toBe(true);
      const notLocal: Record<string, string>[] = [
        { 'x-forwarded-for': '203.0.113.9' },
        // The client wrote the first entry; the proxy appended the last.
        { 'x-forwarded-for': '127.0.0.1, 203.0.113.9' },
        { 'x-forwarded-for': '127.0.0.1', 'x-real-ip': '203.0.113.9' },
        { forwarded: 'for=unknown' },
        // A proxy header, but no address: nothing says it came from here.
        { 'x-forwarded-proto': 'https' },
      ];
      for (const headers of notLocal) {
        expect(() => trusting.canActivate(proxied(headers))).toThrow(UnauthorizedException);
      }
    });
  });

  describe('wrong tokens', () => {
    const token = 'correct-horse-battery';
    const attempt = (
      g: AdminGuard,
      remoteAddress: string,
      given: string,
      responseHeaders: Record<string, string> = {},
    ) =>
      g.canActivate(
        contextFor({
          remoteAddress,
          headers: { host: '192.0.2.2:3000', authorization: `Bearer ${given}` },
          responseHeaders,
        }),
      );

    it('are throttled per address: 429 with Retry-After, even for the right token; others carry on', () => {
      const g = guard({ ADMIN_TOKEN: token });
      for (let i = 0; i < 5; i++) {
        expect(() => attempt(g, '203.0.113.9', `guess-${i}`)).toThrow(UnauthorizedException);
      }
      const headers: Record<string, string> = {};
      let refusal: unknown;
      try {
        attempt(g, '203.0.113.9', token, headers);
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(HttpException);
      expect((refusal as HttpException).getStatus()).toBe(429);
      expect(Number(headers['retry-after'])).toBeGreaterThan(0);
      expect(attempt(g, '198.51.100.4', token)).toBe(true);
    });

    it('are counted per client address the trusted proxy reports, not per proxy', () => {
      const g = guard({ ADMIN_TOKEN: token, TRUST_PROXY: 'true' });
      const via = (client: string, given: string) =>
        g.canActivate(
          contextFor({
            remoteAddress: '127.0.0.1',
            headers: {
              host: 'stream.example.com',
              'x-forwarded-for': client,
              authorization: `Bearer ${given}`,
            },
          }),
        );
      for (let i = 0; i < 5; i++)
        expect(() => via('203.0.113.9', 'nope')).toThrow(UnauthorizedException);
      expect(() => via('203.0.113.9', token)).toThrow(HttpException);
      expect(via('198.51.100.4', token)).toBe(true);
    });

    it('do not count a request that carries no token at all', () => {
      const g = guard({ ADMIN_TOKEN: token });
      const bare = () =>
        g.canActivate(
          contextFor({ remoteAddress: '192.0.2.7', headers: { host: '192.0.2.2:3000' } }),
        );
      for (let i = 0; i < 10; i++) expect(bare).toThrow(UnauthorizedException);
      expect(attempt(g, '192.0.2.7', token)).toBe(true);
    });
  });

  it('refuses a browser request from another site', () => {
    expect(() =>
      guard().canActivate(
        contextFor({
          remoteAddress: '127.0.0.1',
          headers: { host: 'localhost:3000', origin: 'https://evil.example' },
        }),
      ),
    ).toThrow(ForbiddenException);
    expect(
      guard().canActivate(
        contextFor({
          remoteAddress: '127.0.0.1',
          headers: { host: 'localhost:3000', origin: 'http://localhost:3000' },
        }),
      ),
    ).toBe(true);
  });
});
