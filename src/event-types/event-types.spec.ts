import { TWITCH_EVENT_TYPES } from '../contract/twitch-events.js';
import { DEFAULT_EVENT_TYPES, describeType, eventIdentity, scopeOf } from './event-types.js';
import { sampleContext } from './sample-context.js';

const viewer = { id: '42', login: 'ann', name: 'Ann' };

describe('one descriptor per EventSub type', () => {
  it('describes every type of the contract under its own name, with a sample of that type', () => {
    for (const type of TWITCH_EVENT_TYPES) {
      const descriptor = describeType(type);
      expect(descriptor.type).toBe(type);
      const sample = descriptor.sample(sampleContext(viewer, '2026-12-06T12:00:00.000Z'));
      expect(Object.keys(sample).length).toBeGreaterThan(0);
    }
  });

  it('listens to the seven of the seed and resubs by default; the rest need a scope an old token lacks', () => {
    expect(DEFAULT_EVENT_TYPES).toEqual([
      'channel.follow',
      'channel.subscribe',
      'channel.subscription.message',
      'channel.subscription.gift',
      'channel.cheer',
      'channel.raid',
      'stream.online',
      'stream.offline',
    ]);
  });

  it('knows the versions Twitch documents: follow and hype train 2, the others 1', () => {
    const second = TWITCH_EVENT_TYPES.filter((type) => describeType(type).version === '2');
    expect(second).toEqual([
      'channel.follow',
      'channel.hype_train.begin',
      'channel.hype_train.progress',
      'channel.hype_train.end',
    ]);
  });

  it('gives the scope each type needs, none for raids and the stream going on and off', () => {
    expect(scopeOf('channel.follow')).toBe('moderator:read:followers');
    expect(scopeOf('channel.cheer')).toBe('bits:read');
    expect(scopeOf('channel.raid')).toBeNull();
    expect(scopeOf('stream.offline')).toBeNull();
    expect(scopeOf('channel.poll.progress')).toBe('channel:read:polls');
  });
});

describe('the identity of one happening, for events Twitch sends again under a new message_id', () => {
  it('is a follow’s viewer and time to the whole second (Helix lists it without fractions)', () => {
    const live = { user_id: '42', followed_at: '2026-12-06T12:00:00.734Z' };
    const listed = { user_id: '42', followed_at: '2026-12-06T12:00:00Z' };
    expect(eventIdentity('channel.follow', live)).toBe(eventIdentity('channel.follow', listed));
    expect(eventIdentity('channel.follow', { ...live, user_id: '43' })).not.toBe(
      eventIdentity('channel.follow', live),
    );
  });

  it('is a stream’s, a poll’s or a redemption’s id; progress events have none', () => {
    expect(eventIdentity('stream.online', { id: 's1' })).toBe('stream.online|s1');
    expect(eventIdentity('channel.poll.end', { id: 'p1' })).toBe('channel.poll.end|p1');
    expect(eventIdentity('channel.poll.progress', { id: 'p1' })).toBeUndefined();
  });

  it('is none for what two real events can share: cheers, subs, gifts, raids, offlines', () => {
    for (const type of [
      'channel.cheer',
      'channel.subscribe',
      'channel.subscription.gift',
      'channel.raid',
      'stream.offline',
    ] as const) {
      expect(eventIdentity(type, { user_id: '42', id: 'x', bits: 100 })).toBeUndefined();
    }
  });

  it('is none when an identifying field is missing or empty: never merged on a guess', () => {
    expect(
      eventIdentity('channel.follow', { followed_at: '2026-12-06T12:00:00Z' }),
    ).toBeUndefined();
    expect(eventIdentity('stream.online', { id: '' })).toBeUndefined();
  });
});

describe('how demo mode’s simulator reproduces a test sample', () => {
  const context = sampleContext(viewer, '2026-12-06T12:00:00.000Z');
  const triggerOf = (type: (typeof TWITCH_EVENT_TYPES)[number]) => {
    const descriptor = describeType(type);
    return descriptor.simulatorTrigger?.(descriptor.sample(context)) ?? {};
  };

  it('keeps who and how much', () => {
    expect(triggerOf('channel.follow')).toEqual({ user: 'ann' });
    expect(triggerOf('channel.cheer')).toMatchObject({ user: 'ann', bits: 100, anonymous: false });
    expect(triggerOf('channel.subscription.gift')).toMatchObject({ user: 'ann', total: 5 });
    expect(triggerOf('channel.raid')).toEqual({ user: 'cozycastle', viewers: 42 });
    expect(triggerOf('channel.poll.begin')).toMatchObject({ choices: ['Celeste', 'Hades'] });
  });

  it('lets the simulator pick a viewer for a login it would refuse, and keeps an anonymous gift nameless', () => {
    const cheer = describeType('channel.cheer');
    expect(cheer.simulatorTrigger?.({ user_login: 'not a login!', bits: 5 })).toMatchObject({
      user: undefined,
      bits: 5,
    });
    const gift = describeType('channel.subscription.gift');
    expect(gift.simulatorTrigger?.({ user_login: 'ann', is_anonymous: true })).toMatchObject({
      user: undefined,
      anonymous: true,
    });
  });

  it('leaves a running hype train’s or vote’s numbers to the simulator', () => {
    for (const type of [
      'channel.hype_train.progress',
      'channel.poll.progress',
      'stream.online',
    ] as const) {
      expect(triggerOf(type)).toEqual({});
    }
  });
});
