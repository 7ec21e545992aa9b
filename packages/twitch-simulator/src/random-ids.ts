import { randomBytes, randomUUID } from 'node:crypto';

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

function pick(alphabet: string, length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[bytes[i] % alphabet.length];
  return out;
}

/** A token in Twitch's style: lower-case letters and digits (access tokens have 30). */
export function randomToken(length = 30): string {
  return pick(LOWER_ALNUM, length);
}

/** A device-flow user code: eight capital letters, easy to type on another device. */
export function randomUserCode(): string {
  return pick(UPPER, 8);
}

/** A UUID, as Twitch uses for message and subscription ids. */
export function randomId(): string {
  return randomUUID();
}

/** An opaque, URL-safe session id like the ones Twitch's EventSub server hands out. */
export function randomSessionId(): string {
  return `AgoQ${randomBytes(18).toString('base64url')}`;
}
