import { describeCloseCode, isOurBug, parseCloseError } from './close-codes.js';

describe('close codes', () => {
  it('reads the code and reason out of a Twurple disconnect error', () => {
    expect(parseCloseError(new Error('[4003] connection unused'))).toEqual({
      code: 4003,
      reason: 'connection unused',
    });
    expect(parseCloseError(new Error('[1006] '))).toEqual({
      code: 1006,
      reason: 'connection dropped without a close frame',
    });
    expect(parseCloseError(undefined)).toEqual({ code: null, reason: 'keepalive timed out' });
  });

  it('knows which closes mean the client misbehaved', () => {
    expect([4001, 4003, 4007].every(isOurBug)).toBe(true);
    expect([4000, 4002, 4004, 4005, 4006, 1006, null].some(isOurBug)).toBe(false);
    expect(describeCloseCode(4004)).toBe('reconnect grace time expired');
  });
});
