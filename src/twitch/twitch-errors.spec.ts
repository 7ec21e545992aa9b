import { describeTwitchError, redactUrlQueries } from './twitch-errors.js';

describe('describeTwitchError', () => {
  it('uses only the status and Twitch message of an HTTP error, never its URL', () => {
    const error = Object.assign(
      new Error(
        'Encountered HTTP status code 400: Bad Request\n\nURL: https://id.twitch.tv/oauth2/token?grant_type=refresh_token&refresh_token=SECRET-REFRESH&client_secret=SECRET',
      ),
      { statusCode: 400, body: '{"status":400,"message":"Invalid refresh token"}' },
    );
    const text = describeTwitchError(error);
    expect(text).toBe('Twitch answered HTTP 400: Invalid refresh token');
    expect(text).not.toContain('SECRET');
  });

  it('cuts the query off URLs in any other error', () => {
    expect(
      redactUrlQueries('failed: http://localhost:3001/auth/token?client_secret=abc&x=1 (reset)'),
    ).toBe('failed: http://localhost:3001/auth/token?… (reset)');
    expect(describeTwitchError(new Error('fetch failed'))).toBe('fetch failed');
    // Twurple's own log lines quote auth URLs without a host.
    const twurpleLine =
      'failed to subscribe: Encountered HTTP status code 400: Bad Request\n\nURL: token?grant_type=refresh_token&client_id=abc&client_secret=SECRET&refresh_token=REFRESH\nMethod: POST';
    const redacted = redactUrlQueries(twurpleLine);
    expect(redacted).toContain('URL: token?…');
    expect(redacted).not.toMatch(/SECRET|REFRESH/);
    expect(redactUrlQueries('a body with refresh_token=XYZ in it')).toBe(
      'a body with refresh_token=… in it',
    );
  });
});
