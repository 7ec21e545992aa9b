import { statSync } from 'node:fs';
import { DEFAULT_CLIENT_ID } from '@twitch-realtime/twitch-simulator';
import { startDeviceCodeFlow } from '@twurple/auth';
import { DeviceFlowEnded, pollDeviceCode } from '../../src/auth/device-code-poller.js';
import { eventually } from '../support/eventually.js';
import { startSignInTestApp, type SignInTestApp } from './auth-harness.js';

interface DeviceView {
  state: string;
  userCode?: string;
  verificationUri?: string;
  broadcaster?: string;
  detail?: string;
}

describe('Sign in with the Device Code Flow (dashboard "Connect Twitch")', () => {
  let service: SignInTestApp;
  const admin = async (method: 'GET' | 'POST', path: string): Promise<DeviceView> =>
    (await (await fetch(`${service.baseUrl}${path}`, { method })).json()) as DeviceView;

  beforeAll(async () => {
    service = await startSignInTestApp({}, { deviceCodeSeconds: 4 });
  });

  afterAll(async () => {
    await service?.close();
  });

  it('starts signed out, says how to sign in, and keeps serving the stream and widgets', async () => {
    await eventually(
      async () => (await service.health()).twitch?.state === 'signed-out',
      'signed-out',
    );
    expect((await service.health()).twitch?.detail).toContain('npm run auth');
    expect((await fetch(`${service.baseUrl}/widgets/alerts`)).status).toBe(200);
    const stream = await fetch(`${service.baseUrl}/api/twitch/stream`, {
      signal: AbortSignal.timeout(2000),
    }).catch((error: unknown) => error);
    expect(stream).toHaveProperty('status', 200);
  });

  it('shows a code, waits while it is pending, then connects EventSub and the poller without a restart', async () => {
    const started = await admin('POST', '/api/admin/twitch/device');
    expect(started).toMatchObject({
      state: 'waiting',
      userCode: expect.any(String),
      verificationUri: expect.any(String),
    });
    // Pending: nobody has entered the code yet.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await admin('GET', '/api/admin/twitch/device')).toMatchObject({ state: 'waiting' });
    expect(service.simulator.approveDeviceCode(started.userCode as string)).toBe(true);
    await eventually(
      async () => (await admin('GET', '/api/admin/twitch/device')).state === 'connected',
      'connected',
    );
    expect(await admin('GET', '/api/admin/twitch/device')).toMatchObject({
      broadcaster: 'demo_streamer',
    });
    expect(statSync(service.tokenFile).mode & 0o777).toBe(0o600);
    await eventually(async () => {
      const health = await service.health();
      return health.eventsub?.state === 'connected' && health.poll?.ok === true;
    }, 'EventSub connected and a poll done');
  });

  it('reports a declined sign-in', async () => {
    const started = await admin('POST', '/api/admin/twitch/device');
    expect(service.simulator.denyDeviceCode(started.userCode as string)).toBe(true);
    await eventually(
      async () => (await admin('GET', '/api/admin/twitch/device')).state === 'denied',
      'denied',
    );
    expect((await admin('GET', '/api/admin/twitch/device')).detail).toMatch(/declined/);
  });

  it('reports an expired code', async () => {
    await admin('POST', '/api/admin/twitch/device');
    await eventually(
      async () => (await admin('GET', '/api/admin/twitch/device')).state === 'expired',
      'expired',
      20_000,
    );
    expect((await admin('GET', '/api/admin/twitch/device')).detail).toMatch(/expired/);
  });

  it('slows down when Twitch says slow_down', async () => {
    const info = await startDeviceCodeFlow(DEFAULT_CLIENT_ID, ['bits:read']);
    const waits: number[] = [];
    let approved = false;
    const token = pollDeviceCode(DEFAULT_CLIENT_ID, { ...info, interval: 0 }, ['bits:read'], {
      // Poll at once, faster than the code's interval allows: Twitch answers slow_down.
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 3 && !approved)
          approved = service.simulator.approveDeviceCode(info.userCode);
        if (waits.length > 3) await new Promise((resolve) => setTimeout(resolve, 1100));
      },
    });
    await expect(token).resolves.toMatchObject({ accessToken: expect.any(String) });
    // The first poll is never too early (pending); the second comes too fast and gets slow_down,
    // which adds five seconds to every wait after it, as Twitch asks.
    expect(waits.slice(0, 3)).toEqual([1000, 1000, 6000]);
  });

  it('gives up with a clear message when the code is unknown', async () => {
    const info = await startDeviceCodeFlow(DEFAULT_CLIENT_ID, ['bits:read']);
    await expect(
      pollDeviceCode(DEFAULT_CLIENT_ID, { ...info, deviceCode: 'not-a-code', interval: 1 }, [
        'bits:read',
      ]),
    ).rejects.toBeInstanceOf(DeviceFlowEnded);
  });
});
