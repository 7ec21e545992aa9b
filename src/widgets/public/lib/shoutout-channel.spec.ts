import type { EventMessage } from '../../../contract/sse-contract.js';
import { readShoutoutChannel, safeImageUrl, shoutoutChannelId } from './shoutout-channel.js';

const shoutout = (event: 'channel.shoutout.create' | 'channel.shoutout.receive', id: unknown) =>
  ({
    type: 'event',
    event,
    data:
      event === 'channel.shoutout.create'
        ? { to_broadcaster_user_id: id }
        : { from_broadcaster_user_id: id },
  }) as unknown as EventMessage;

describe("the shoutout card's lookup", () => {
  it('takes the other channel of either direction, and only an id of digits', () => {
    expect(shoutoutChannelId(shoutout('channel.shoutout.create', '7002'))).toBe('7002');
    expect(shoutoutChannelId(shoutout('channel.shoutout.receive', '7003'))).toBe('7003');
    for (const bad of ['../admin', '7002?x=1', '', 7002, null, '1'.repeat(21)]) {
      expect(shoutoutChannelId(shoutout('channel.shoutout.create', bad))).toBeNull();
    }
    expect(
      shoutoutChannelId({ type: 'event', event: 'channel.follow', data: {} } as EventMessage),
    ).toBeNull();
  });

  it('lets an avatar be https, or http on this machine (the simulator), and nothing else', () => {
    expect(safeImageUrl('https://static-cdn.jtvnw.net/a.png')).toBe(
      'https://static-cdn.jtvnw.net/a.png',
    );
    expect(safeImageUrl('http://localhost:4321/jtv_user_pictures/a.png')).toBe(
      'http://localhost:4321/jtv_user_pictures/a.png',
    );
    for (const bad of [
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
      'http://example.com/a.png',
      'https://user:pw@example.com/a.png',
      '//example.com/a.png',
      'not a url',
      42,
      null,
    ]) {
      expect(safeImageUrl(bad)).toBe('');
    }
  });

  it("reads the service's answer field by field", () => {
    expect(
      readShoutoutChannel({
        profileImageUrl: 'javascript:alert(1)',
        gameName: '<b>Chess</b>',
        extra: 1,
      }),
    ).toEqual({ avatarUrl: '', gameName: '<b>Chess</b>' });
    expect(readShoutoutChannel({ gameName: 3 })).toEqual({ avatarUrl: '', gameName: '' });
    expect(readShoutoutChannel(null)).toBeNull();
    expect(readShoutoutChannel('x')).toBeNull();
  });
});
