import { buildIfNeeded, exited, spawnService } from '../support/built-service.js';

describe('starting the service with a short ADMIN_TOKEN', () => {
  beforeAll(() => buildIfNeeded(), 300_000);

  it('stops at once with one line that names ADMIN_TOKEN and how to make a good one, never the token', async () => {
    const child = spawnService({ ADMIN_TOKEN: 'letmein', PORT: '0', SIMULATOR_PORT: '0' });
    expect(await exited(child)).toBe(1);
    const { stdout, stderr } = child.output();
    expect(stderr.trim()).toBe(
      'Configuration error: ADMIN_TOKEN is not valid: it is shorter than 16 characters, too easy to guess; make a long random one with `openssl rand -hex 24`. Example of a good value: ADMIN_TOKEN=<the output of: openssl rand -hex 24>',
    );
    expect(stderr).not.toContain('letmein');
    expect(stdout).toBe('');
  });
});
