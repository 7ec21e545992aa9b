import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DEFAULT_CLIENT_ID } from '@twitch-realtime/twitch-simulator';
import { buildIfNeeded } from '../support/built-service.js';
import { eventually } from '../support/eventually.js';
import { startSignInTestApp, type SignInTestApp } from './auth-harness.js';

const root = resolve(import.meta.dirname, '../..');
/** Our server listens on 127.0.0.1; "localhost" in redirect URIs may resolve to ::1 first. */
const viaIpv4 = (url: string) => url.replace('//localhost:', '//127.0.0.1:');

describe('Sign in with Twitch in the browser (OAuth code flow)', () => {
  let service: SignInTestApp;

  beforeAll(async () => {
    service = await startSignInTestApp();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('refuses a callback whose state this service never issued, and stores nothing', async () => {
    const response = await fetch(
      `${service.baseUrl}/auth/twitch/callback?code=stolen&state=forged`,
    );
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('not one this service started');
    expect(existsSync(service.tokenFile)).toBe(false);
  });

  it('reports a declined consent and stores nothing', async () => {
    service.simulator.setAuthorizeDecision({ approve: false });
    try {
      const toTwitch = await fetch(`${service.baseUrl}/auth/twitch`, { redirect: 'manual' });
      const back = await fetch(viaIpv4(toTwitch.headers.get('location') as string), {
        redirect: 'manual',
      });
      const callback = await fetch(viaIpv4(back.headers.get('location') as string));
      expect(callback.status).toBe(400);
      expect(await callback.text()).toContain('did not sign you in');
      expect(existsSync(service.tokenFile)).toBe(false);
    } finally {
      service.simulator.setAuthorizeDecision({ approve: true });
    }
  });

  it('sends the browser to Twitch with the scopes and a state, and signs in on the way back', async () => {
    const toTwitch = await fetch(`${service.baseUrl}/auth/twitch`, { redirect: 'manual' });
    expect(toTwitch.status).toBe(302);
    const authorize = new URL(toTwitch.headers.get('location') as string);
    expect(authorize.pathname).toBe('/auth/authorize');
    expect(authorize.searchParams.get('scope')?.split(' ').sort()).toEqual([
      'bits:read',
      'channel:read:subscriptions',
      'moderator:read:followers',
    ]);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    const back = await fetch(viaIpv4(authorize.toString()), { redirect: 'manual' });
    const callbackUrl = viaIpv4(back.headers.get('location') as string);
    const callback = await fetch(callbackUrl);
    expect(callback.status).toBe(200);
    expect(await callback.text()).toContain('Signed in as demo_streamer');
    expect(statSync(service.tokenFile).mode & 0o777).toBe(0o600);
    await eventually(
      async () => (await service.health()).eventsub?.state === 'connected',
      'EventSub connected',
    );
    // A state works once.
    expect((await fetch(callbackUrl)).status).toBe(400);
  });

  it('explains what is missing when there is no client secret', async () => {
    await service.restart({ TWITCH_CLIENT_SECRET: '' });
    const response = await fetch(`${service.baseUrl}/auth/twitch`, { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(
      'TWITCH_CLIENT_SECRET',
    );
  });
});

describe('npm run auth (Device Code Flow in a terminal)', () => {
  let service: SignInTestApp;

  beforeAll(async () => {
    buildIfNeeded();
    service = await startSignInTestApp();
  }, 300_000);

  afterAll(async () => {
    await service?.close();
  });

  it('prints the URL and code, waits for approval, stores the token and tells the running service', async () => {
    const cli = spawn(process.execPath, [join(root, 'dist/auth/cli/auth-cli.js')], {
      cwd: mkdtempSync(join(tmpdir(), 'twitch-realtime-cli-')),
      env: {
        PATH: process.env.PATH ?? '',
        TWITCH_CLIENT_ID: DEFAULT_CLIENT_ID,
        TWURPLE_MOCK_API_PORT: String(service.simulator.port),
        TOKEN_FILE: service.tokenFile,
        PORT: String(service.config.values.port),
      },
    });
    let stdout = '';
    let stderr = '';
    cli.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((done) => cli.once('exit', (code) => done(code)));
    await eventually(() => /enter the code:\s+(\S+)/.test(stdout), 'the code on the terminal');
    const userCode = /enter the code:\s+(\S+)/.exec(stdout)?.[1] as string;
    expect(stdout).toMatch(/open http:\/\/\S+/);
    expect(service.simulator.approveDeviceCode(userCode)).toBe(true);
    expect(await exit).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toContain('Signed in as demo_streamer');
    expect(stdout).toContain('The running service is now connected as demo_streamer');
    expect(statSync(service.tokenFile).mode & 0o777).toBe(0o600);
    expect((await service.health()).twitch?.state).toBe('ok');
  });

  it('says what to do when TWITCH_CLIENT_ID is not set', async () => {
    const cli = spawn(process.execPath, [join(root, 'dist/auth/cli/auth-cli.js')], {
      cwd: mkdtempSync(join(tmpdir(), 'twitch-realtime-cli-')),
      env: { PATH: process.env.PATH ?? '' },
    });
    let stderr = '';
    cli.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await new Promise((done) => cli.once('exit', done))).toBe(1);
    expect(stderr).toContain('TWITCH_CLIENT_ID is not set');
    expect(stderr).toContain('dev.twitch.tv/console');
  });
});

describe('admin routes', () => {
  const lanAddress = Object.values(networkInterfaces())
    .flat()
    .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

  it('refuse another machine when ADMIN_TOKEN is unset (401), but serve the stream and widgets to it', async () => {
    if (!lanAddress) {
      console.warn(
        'SKIPPED: this machine has no non-loopback IPv4 address to call from; the guard is unit-tested in src/admin.',
      );
      return;
    }
    const service = await startSignInTestApp({ HOST: '0.0.0.0' });
    try {
      const fromLan = `http://${lanAddress}:${service.config.values.port}`;
      const admin = await fetch(`${fromLan}/api/admin/twitch/device`, { method: 'POST' });
      expect(admin.status).toBe(401);
      expect(((await admin.json()) as { message: string }).message).toContain('ADMIN_TOKEN');
      expect((await fetch(`${fromLan}/widgets/alerts`)).status).toBe(200);
      expect((await fetch(`${fromLan}/api/health`)).status).toBe(200);
    } finally {
      await service.close();
    }
  });

  it('require the token when ADMIN_TOKEN is set, even from this machine, and refuse other sites', async () => {
    const service = await startSignInTestApp({ ADMIN_TOKEN: 'correct-horse-battery' });
    try {
      const url = `${service.baseUrl}/api/admin/alerts/pause`;
      expect((await fetch(url, { method: 'POST' })).status).toBe(401);
      expect(
        (await fetch(url, { method: 'POST', headers: { authorization: 'Bearer wrong' } })).status,
      ).toBe(401);
      expect(
        (
          await fetch(url, {
            method: 'POST',
            headers: { authorization: 'Bearer correct-horse-battery' },
          })
        ).ok,
      ).toBe(true);
      const crossSite = await fetch(url, {
        method: 'POST',
        headers: { authorization: 'Bearer correct-horse-battery', origin: 'https://evil.example' },
      });
      expect(crossSite.status).toBe(403);
    } finally {
      await service.close();
    }
  });
});
