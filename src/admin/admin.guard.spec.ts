import { ForbiddenException, UnauthorizedException, type ExecutionContext } from '@nestjs/common';
import { loadConfig } from '../config/app-config.js';
import { AdminGuard } from './admin.guard.js';

interface FakeRequest {
  remoteAddress: string;
  headers: Record<string, string>;
}

function contextFor({ remoteAddress, headers }: FakeRequest): ExecutionContext {
  const request = { socket: { remoteAddress }, headers };
  return { switchToHttp: () => ({ getRequest: () => request }) } as unknown as ExecutionContext;
}

const guard = (env: Record<string, string> = {}) => new AdminGuard(loadConfig(env, null));

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
    const withToken = () => guard({ ADMIN_TOKEN: 's3cret-token' });

    it('accepts the token as a bearer token or X-Admin-Token, from anywhere', () => {
      const host = '192.0.2.2:3000';
      expect(
        withToken().canActivate(
          contextFor({
            remoteAddress: '192.0.2.7',
            headers: { host, authorization: 'Bearer s3cret-token' },
          }),
        ),
      ).toBe(true);
      expect(
        withToken().canActivate(
          contextFor({
            remoteAddress: '192.0.2.7',
            headers: { host, 'x-admin-token': 's3cret-token' },
          }),
        ),
      ).toBe(true);
    });

    it('refuses a missing or wrong token, even from loopback', () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer nope' },
        { 'x-admin-token': 's3cret-token-but-longer' },
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
