import { jest } from '@jest/globals';
import { ALERT_EVENT_TYPES, DEFAULT_ALERT_EVENT_TYPES, EVENT_KEYS } from './event-text.js';
import {
  ALERT_BOX_WIDGET,
  EVENT_LIST_WIDGET,
  WidgetQuery,
  mediaUrl,
  widgetUrl,
} from './widget-options.js';

describe('alert box options', () => {
  let warn: ReturnType<typeof jest.spyOn>;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('takes a media option as an http(s) URL or a file of the media folder', () => {
    expect(mediaUrl('https://example.com/a.gif', 'image')).toBe('https://example.com/a.gif');
    expect(mediaUrl('party.gif', 'image')).toBe('/media/party.gif');
    expect(mediaUrl('sounds/big horn.mp3', 'sound')).toBe('/media/sounds/big%20horn.mp3');
    expect(mediaUrl('', 'image')).toBe('');
    expect(warn).not.toHaveBeenCalled();
  });

  it.each([
    '../secret.png',
    '/etc/passwd',
    'a/../../b.png',
    '.hidden.png',
    'javascript:alert(1)',
    'a\\b.png',
  ])('refuses %s, which leaves the media folder, with a console warning', (name) => {
    expect(mediaUrl(name, 'image.follow')).toBe('');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`image.follow=${name}`));
  });

  it('reads variations by amount, highest minimum first, and leaves malformed ones out', () => {
    const query = new WidgetQuery(
      ALERT_BOX_WIDGET,
      '?variant.cheer.1000.title=Big&variant.cheer.5000.text=Huge&variant.cheer.1000.image=big.gif' +
        '&variant.raid.50.sound=horn.mp3&variant.follow.10.title=x&variant.cheer.lots.title=y' +
        '&variant.cheer.100.colour=red&variant.gift.10.text=',
    );
    expect(query.variants()).toEqual([
      { event: 'cheer', min: 5000, text: 'Huge' },
      { event: 'cheer', min: 1000, title: 'Big', image: 'big.gif' },
      { event: 'raid', min: 50, sound: 'horn.mp3' },
    ]);
    expect(query.unknownOptions({ variants: true })).toEqual([
      'variant.follow.10.title',
      'variant.cheer.lots.title',
      'variant.cheer.100.colour',
    ]);
  });

  it('names the options it does not know', () => {
    const query = new WidgetQuery(ALERT_BOX_WIDGET, '?duraton=5&duration=6&image.redemption=a.png');
    expect(query.unknownOptions({ variants: true })).toEqual(['duraton']);
    expect(query.media('image.redemption')).toBe('/media/a.png');
  });

  it('writes variations into the URL as given', () => {
    expect(
      widgetUrl(ALERT_BOX_WIDGET, 'http://x', {
        duration: '6',
        'variant.cheer.1000.title': 'Big cheer!',
        'variant.cheer.1000.text': ' ',
      }),
    ).toBe('http://x/widgets/alerts?variant.cheer.1000.title=Big+cheer%21');
  });
});

describe('the events the alert box plays', () => {
  it('offers every event it can play, and plays all but online/offline, the shoutouts it gives and chat notices unless told otherwise', () => {
    const events = ALERT_BOX_WIDGET.options.find((option) => option.name === 'events');
    expect(events?.choices).toEqual(ALERT_EVENT_TYPES);
    const defaults = new WidgetQuery(ALERT_BOX_WIDGET, '').multi('events');
    expect(defaults).toEqual(DEFAULT_ALERT_EVENT_TYPES);
    // The shoutouts this channel gives are the streamer's own doing, like going live; chat
    // notices (announcements, watch streaks) need a scope more and are opt-in.
    expect(defaults).toEqual(
      ALERT_EVENT_TYPES.filter(
        (event) =>
          event !== 'stream.online' &&
          event !== 'stream.offline' &&
          event !== 'channel.shoutout.create' &&
          event !== 'channel.chat.notification',
      ),
    );
    expect(new WidgetQuery(ALERT_BOX_WIDGET, '?events=stream.online').multi('events')).toEqual([
      'stream.online',
    ]);
  });

  it('has its own options for each of them, and none for the events it cannot play', () => {
    const names = new Set(ALERT_BOX_WIDGET.options.map((option) => option.name));
    for (const event of ALERT_EVENT_TYPES) expect(names).toContain(`text.${EVENT_KEYS[event]}`);
    expect(names).not.toContain(`text.${EVENT_KEYS['channel.poll.end']}`);
  });

  it('are what the event list lists unless told otherwise', () => {
    expect(new WidgetQuery(EVENT_LIST_WIDGET, '').multi('events')).toEqual(
      DEFAULT_ALERT_EVENT_TYPES,
    );
  });
});
