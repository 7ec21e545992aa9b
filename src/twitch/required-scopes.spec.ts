import { TWITCH_EVENT_TYPES } from '../contract/twitch-events.js';
import { DEFAULT_EVENT_TYPES } from '../event-types/event-types.js';
import { eventsMissingScope, scopesFor } from './required-scopes.js';

describe('the scopes sign-in asks for', () => {
  it('are the seven defaults’ scopes (and the sub count’s) unless more types are configured', () => {
    expect(scopesFor(DEFAULT_EVENT_TYPES)).toEqual([
      'bits:read',
      'channel:read:subscriptions',
      'moderator:read:followers',
    ]);
  });

  it('add the scope of each opt-in type configured, once', () => {
    expect(scopesFor(['channel.raid', 'channel.poll.begin', 'channel.poll.end'])).toEqual([
      'channel:read:polls',
      'channel:read:subscriptions',
    ]);
    expect(scopesFor(TWITCH_EVENT_TYPES)).toEqual([
      'bits:read',
      'channel:read:ads',
      'channel:read:charity',
      'channel:read:goals',
      'channel:read:hype_train',
      'channel:read:polls',
      'channel:read:predictions',
      'channel:read:redemptions',
      'channel:read:subscriptions',
      'moderator:read:followers',
      'moderator:read:shoutouts',
      'user:read:chat',
    ]);
  });

  it('name each type whose scope the token lacks; a manage scope stands for its read scope', () => {
    const wanted = [
      'channel.hype_train.begin',
      'channel.poll.begin',
      'channel.prediction.end',
    ] as const;
    expect(eventsMissingScope(wanted, ['channel:read:polls'])).toEqual([
      'channel.hype_train.begin',
      'channel.prediction.end',
    ]);
    expect(
      eventsMissingScope(wanted, [
        'channel:read:hype_train',
        'channel:manage:polls',
        'channel:manage:predictions',
      ]),
    ).toEqual([]);
  });

  it('name the chat types when the token lacks user:read:chat, and nothing else for it', () => {
    const wanted = ['channel.follow', 'channel.chat.message', 'channel.chat.notification'] as const;
    expect(eventsMissingScope(wanted, ['moderator:read:followers'])).toEqual([
      'channel.chat.message',
      'channel.chat.notification',
    ]);
    expect(eventsMissingScope(wanted, ['moderator:read:followers', 'user:read:chat'])).toEqual([]);
  });
});
