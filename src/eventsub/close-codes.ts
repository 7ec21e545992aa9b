/** What Twitch's EventSub WebSocket close codes mean, and whether one is our own bug. */
const CLOSE_CODES: Readonly<Record<number, { reason: string; ourBug?: true }>> = {
  1000: { reason: 'closed normally' },
  1006: { reason: 'connection dropped without a close frame' },
  4000: { reason: 'Twitch internal server error' },
  4001: { reason: 'the client sent a message (clients must only listen)', ourBug: true },
  4002: { reason: 'the client failed to answer a ping' },
  4003: { reason: 'connection unused: no subscription was created in time', ourBug: true },
  4004: { reason: 'reconnect grace time expired' },
  4005: { reason: 'network timeout' },
  4006: { reason: 'network error' },
  4007: { reason: 'invalid reconnect URL', ourBug: true },
};

/** The close code and reason in a Twurple disconnect error (`"[4003] reason"`), when there is one. */
export function parseCloseError(error: Error | undefined): { code: number | null; reason: string } {
  const match = /^\[(\d+)\]\s*(.*)$/s.exec(error?.message ?? '');
  if (!match) return { code: null, reason: error?.message || 'keepalive timed out' };
  const code = Number(match[1]);
  return { code, reason: match[2] || describeCloseCode(code) };
}

/** A human description of a close code. */
export function describeCloseCode(code: number): string {
  return CLOSE_CODES[code]?.reason ?? `close code ${code}`;
}

/** Whether Twitch closes with this code only when the client misbehaved. */
export function isOurBug(code: number | null): boolean {
  return code !== null && CLOSE_CODES[code]?.ourBug === true;
}
