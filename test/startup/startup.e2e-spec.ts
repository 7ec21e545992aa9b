import { buildIfNeeded, exited, spawnService } from '../support/built-service.js';

describe('starting the service', () => {
  beforeAll(() => buildIfNeeded(), 300_000);

  it.each([
    [
      { PORT: 'abc' },
      'Configuration error: PORT is not valid: "abc" is not a whole number. Example of a good value: PORT=3000',
    ],
    [
      { SSE_HEARTBEAT_SECONDS: '0' },
      'Configuration error: SSE_HEARTBEAT_SECONDS is not valid: 0 is outside 1..300. Example of a good value: SSE_HEARTBEAT_SECONDS=15',
    ],
  ])('stops at once on a bad value (%j) with one line that names it', async (env, line) => {
    const child = spawnService(env);
    expect(await exited(child)).toBe(1);
    const { stdout, stderr } = child.output();
    expect(stderr.trim()).toBe(line);
    expect(stdout).toBe('');
  });
});
