import { AdminTokenThrottle } from './admin-token-throttle.js';

describe('AdminTokenThrottle', () => {
  let now: number;
  const throttle = (options: Partial<{ limit: number; maxAddresses: number }> = {}) =>
    new AdminTokenThrottle({
      limit: 5,
      windowMs: 60_000,
      maxAddresses: 1000,
      ...options,
      now: () => now,
    });

  beforeEach(() => {
    now = 1_000_000;
  });

  it('lets an address try a few wrong tokens a minute, then makes it wait until the oldest is a minute old', () => {
    const t = throttle();
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(t.retryAfterSeconds('203.0.113.9')).toBe(0);
      t.recordFailure('203.0.113.9');
      now += 1000;
    }
    // Five failures at 0 s, 1 s, … 4 s; now is 5 s: the first leaves the window at 60 s.
    expect(t.retryAfterSeconds('203.0.113.9')).toBe(55);
    now += 54_500;
    expect(t.retryAfterSeconds('203.0.113.9')).toBe(1);
    now += 500;
    expect(t.retryAfterSeconds('203.0.113.9')).toBe(0);
    // One more wrong token puts it back at the limit until the second failure ages out.
    t.recordFailure('203.0.113.9');
    expect(t.retryAfterSeconds('203.0.113.9')).toBe(1);
  });

  it('holds other addresses to their own count', () => {
    const t = throttle();
    for (let attempt = 0; attempt < 5; attempt++) t.recordFailure('203.0.113.9');
    expect(t.retryAfterSeconds('203.0.113.9')).toBeGreaterThan(0);
    expect(t.retryAfterSeconds('198.51.100.4')).toBe(0);
  });

  it('forgets an address that then gave the right token', () => {
    const t = throttle();
    for (let attempt = 0; attempt < 4; attempt++) t.recordFailure('198.51.100.4');
    t.recordSuccess('198.51.100.4');
    t.recordFailure('198.51.100.4');
    expect(t.retryAfterSeconds('198.51.100.4')).toBe(0);
    expect(t.size).toBe(1);
  });

  it('remembers at most maxAddresses, dropping the longest quiet first', () => {
    const t = throttle({ maxAddresses: 100 });
    for (let i = 0; i < 10_000; i++) t.recordFailure(`10.0.${Math.floor(i / 256)}.${i % 256}`);
    expect(t.size).toBe(100);
    for (let attempt = 0; attempt < 5; attempt++) t.recordFailure('203.0.113.9');
    expect(t.size).toBe(100);
    expect(t.retryAfterSeconds('203.0.113.9')).toBeGreaterThan(0);
  });

  it('lets go of addresses whose failures are older than the window', () => {
    const t = throttle();
    t.recordFailure('203.0.113.9');
    now += 61_000;
    t.recordFailure('198.51.100.4');
    expect(t.size).toBe(1);
  });
});
