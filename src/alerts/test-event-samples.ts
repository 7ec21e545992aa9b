import { Injectable } from '@nestjs/common';
import type { TwitchEventType } from '../contract/sse-contract.js';
import type { TwitchEventData } from './alerts-api.js';

/** The channel a test event is about: a stand-in, since a test alert never reaches Twitch. */
const BROADCASTER = { id: '1000', login: 'test_broadcaster', name: 'TestBroadcaster' };

/** Viewers the samples take turns with, so a run of test alerts is easy to tell apart. */
const VIEWERS = [
  { id: '5001', login: 'pixelpanda', name: 'PixelPanda' },
  { id: '5002', login: 'nightowl_42', name: 'NightOwl_42' },
  { id: '5003', login: 'sunnyraccoon', name: 'SunnyRaccoon' },
  { id: '5004', login: 'quietcomet', name: 'QuietComet' },
  { id: '5005', login: 'mossyknight', name: 'MossyKnight' },
];

const RAIDER = { id: '7001', login: 'cozycastle', name: 'CozyCastle' };

/**
 * Event objects for the dashboard's test buttons, shaped as Twitch's EventSub sends them: every
 * field Twitch documents for the type, snake_case. Each call takes the next sample viewer.
 */
@Injectable()
export class TestEventSamples {
  private count = 0;

  /** A sample event object for `event`, with `overrides` put over its fields. */
  create(event: TwitchEventType, overrides: TwitchEventData = {}): TwitchEventData {
    const viewer = VIEWERS[this.count++ % VIEWERS.length] as (typeof VIEWERS)[number];
    return { ...sample(event, viewer, new Date().toISOString()), ...overrides };
  }
}

function sample(
  event: TwitchEventType,
  viewer: { id: string; login: string; name: string },
  now: string,
): TwitchEventData {
  const user = { user_id: viewer.id, user_login: viewer.login, user_name: viewer.name };
  const broadcaster = {
    broadcaster_user_id: BROADCASTER.id,
    broadcaster_user_login: BROADCASTER.login,
    broadcaster_user_name: BROADCASTER.name,
  };
  switch (event) {
    case 'channel.follow':
      return { ...user, ...broadcaster, followed_at: now };
    case 'channel.subscribe':
      return { ...user, ...broadcaster, tier: '1000', is_gift: false };
    case 'channel.subscription.gift':
      return {
        ...user,
        ...broadcaster,
        total: 5,
        tier: '1000',
        cumulative_total: 12,
        is_anonymous: false,
      };
    case 'channel.cheer':
      return {
        is_anonymous: false,
        ...user,
        ...broadcaster,
        message: 'Cheer100 Loving the stream!',
        bits: 100,
      };
    case 'channel.raid':
      return {
        from_broadcaster_user_id: RAIDER.id,
        from_broadcaster_user_login: RAIDER.login,
        from_broadcaster_user_name: RAIDER.name,
        to_broadcaster_user_id: BROADCASTER.id,
        to_broadcaster_user_login: BROADCASTER.login,
        to_broadcaster_user_name: BROADCASTER.name,
        viewers: 42,
      };
    case 'stream.online':
      return { id: `test-${Date.now()}`, ...broadcaster, type: 'live', started_at: now };
    case 'stream.offline':
      return { ...broadcaster };
  }
}
