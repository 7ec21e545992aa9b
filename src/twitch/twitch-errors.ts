/**
 * A short, safe description of an error from Twurple or Twitch, for logs and status messages.
 *
 * Twurple's HTTP errors put the whole request URL in their message — and for OAuth calls that URL's
 * query carries the client secret, refresh token or device code. So the message of such an error
 * is never used: only its status and Twitch's own `message`. Any other error has the query part of
 * URLs in its text cut off.
 */
export function describeTwitchError(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const { statusCode, body } = error as { statusCode: number; body?: unknown };
    const message = twitchMessage(body);
    return `Twitch answered HTTP ${statusCode}${message ? `: ${message}` : ''}`;
  }
  const text = error instanceof Error ? error.message : String(error);
  return redactUrlQueries(text);
}

/** Twitch's error bodies are `{"status":400,"message":"…"}` (Helix adds `"error"`). */
export function twitchMessage(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Cuts query strings off URLs and paths (`https://host/token?secret=…` → `https://host/token?…`,
 * and Twurple's relative `token?client_secret=…` too), then blanks any OAuth parameter that is
 * left, however it got there.
 */
export function redactUrlQueries(text: string): string {
  // The lookbehind starts a match only where a path can start: without it the regex tries every
  // position of a long run without spaces (a JSON frame) and takes time quadratic in its length.
  return text
    .replace(/(?<![^\s?#=&])([^\s?#=&]+)\?[^\s#]*=[^\s#]*/g, '$1?…')
    .replace(/\b(client_secret|refresh_token|access_token|device_code|code)=[^&\s]+/gi, '$1=…');
}
