import type { EventObject } from './event-payloads.js';
import type { SimulatedEventType } from './event-types.js';

/** An EventSub condition object. */
export type Condition = Record<string, string>;

/** What the simulator knows about one subscription type: version, condition, scope, who may ask. */
export interface SubscriptionTypeSpec {
  readonly type: SimulatedEventType;
  readonly version: string;
  /** Condition fields that must all be set. */
  readonly requiredFields: readonly string[];
  /** Condition fields of which exactly one must be set (raid: from or to). */
  readonly oneOfFields: readonly string[];
  /** The scopes of which the user token needs one (Twitch takes a `manage` scope for `read`), or none. */
  readonly scopes: readonly string[];
  /**
   * Whether a token of `userId` may subscribe with `condition`. Types that need a scope need the
   * broadcaster's (or, for follows, a moderator's) own token; public types do not.
   */
  authorizes(condition: Condition, userId: string): boolean;
  /** Whether an event of this type is one the subscription's condition asks for. */
  matches(condition: Condition, event: EventObject): boolean;
}

const byBroadcaster = (condition: Condition, event: EventObject): boolean =>
  condition.broadcaster_user_id === event.broadcaster_user_id;
const broadcasterOwnToken = (condition: Condition, userId: string): boolean =>
  condition.broadcaster_user_id === userId;
const anyone = (): boolean => true;

function spec(
  type: SimulatedEventType,
  fields: Omit<SubscriptionTypeSpec, 'type' | 'oneOfFields'> & { oneOfFields?: readonly string[] },
): SubscriptionTypeSpec {
  return { type, oneOfFields: [], ...fields };
}

/** A type about the broadcaster's channel that needs one of `scopes` on the broadcaster's own token. */
function broadcasterType(
  type: SimulatedEventType,
  version: string,
  scopes: readonly string[],
): SubscriptionTypeSpec {
  return spec(type, {
    version,
    requiredFields: ['broadcaster_user_id'],
    scopes,
    authorizes: broadcasterOwnToken,
    matches: byBroadcaster,
  });
}

const REDEMPTIONS = ['channel:read:redemptions', 'channel:manage:redemptions'];
const HYPE_TRAIN = ['channel:read:hype_train'];
const GOALS = ['channel:read:goals'];
const POLLS = ['channel:read:polls', 'channel:manage:polls'];
const PREDICTIONS = ['channel:read:predictions', 'channel:manage:predictions'];
const SUBSCRIPTIONS = ['channel:read:subscriptions'];
const BITS = ['bits:read'];
const ADS = ['channel:read:ads'];
const SHOUTOUTS = ['moderator:read:shoutouts', 'moderator:manage:shoutouts'];
const CHARITY = ['channel:read:charity'];
const CHAT = ['user:read:chat'];

/**
 * A chat type: `user_id` reads `broadcaster_user_id`'s chat with `user:read:chat`. Twitch also
 * lets a bot or a moderator read another channel's chat; the simulator's reader is the broadcaster.
 */
function chatType(type: SimulatedEventType): SubscriptionTypeSpec {
  return spec(type, {
    version: '1',
    requiredFields: ['broadcaster_user_id', 'user_id'],
    scopes: CHAT,
    authorizes: (condition, userId) =>
      condition.user_id === userId && condition.broadcaster_user_id === userId,
    matches: byBroadcaster,
  });
}

/**
 * A type that a moderator of the channel subscribes to with their own token. The simulator has no
 * moderators: the moderator must be the broadcaster, with their own token.
 */
function moderatorType(
  type: SimulatedEventType,
  version: string,
  scopes: readonly string[],
): SubscriptionTypeSpec {
  return spec(type, {
    version,
    requiredFields: ['broadcaster_user_id', 'moderator_user_id'],
    scopes,
    authorizes: (condition, userId) =>
      condition.moderator_user_id === userId && condition.broadcaster_user_id === userId,
    matches: byBroadcaster,
  });
}

/** Every type the simulator serves, as Twitch defines them for EventSub WebSocket transports. */
export const SUBSCRIPTION_TYPES: Readonly<Record<SimulatedEventType, SubscriptionTypeSpec>> = {
  'channel.follow': moderatorType('channel.follow', '2', ['moderator:read:followers']),
  'channel.subscribe': broadcasterType('channel.subscribe', '1', SUBSCRIPTIONS),
  'channel.subscription.gift': broadcasterType('channel.subscription.gift', '1', SUBSCRIPTIONS),
  'channel.cheer': broadcasterType('channel.cheer', '1', BITS),
  'channel.raid': spec('channel.raid', {
    version: '1',
    requiredFields: [],
    oneOfFields: ['from_broadcaster_user_id', 'to_broadcaster_user_id'],
    scopes: [],
    authorizes: anyone,
    matches: (condition, event) =>
      condition.to_broadcaster_user_id
        ? condition.to_broadcaster_user_id === event.to_broadcaster_user_id
        : condition.from_broadcaster_user_id === event.from_broadcaster_user_id,
  }),
  'stream.online': spec('stream.online', {
    version: '1',
    requiredFields: ['broadcaster_user_id'],
    scopes: [],
    authorizes: anyone,
    matches: byBroadcaster,
  }),
  'stream.offline': spec('stream.offline', {
    version: '1',
    requiredFields: ['broadcaster_user_id'],
    scopes: [],
    authorizes: anyone,
    matches: byBroadcaster,
  }),
  'channel.channel_points_custom_reward_redemption.add': broadcasterType(
    'channel.channel_points_custom_reward_redemption.add',
    '1',
    REDEMPTIONS,
  ),
  // Version 2: Twitch retired version 1 of the hype train types in January 2026.
  'channel.hype_train.begin': broadcasterType('channel.hype_train.begin', '2', HYPE_TRAIN),
  'channel.hype_train.progress': broadcasterType('channel.hype_train.progress', '2', HYPE_TRAIN),
  'channel.hype_train.end': broadcasterType('channel.hype_train.end', '2', HYPE_TRAIN),
  'channel.goal.begin': broadcasterType('channel.goal.begin', '1', GOALS),
  'channel.goal.progress': broadcasterType('channel.goal.progress', '1', GOALS),
  'channel.goal.end': broadcasterType('channel.goal.end', '1', GOALS),
  'channel.poll.begin': broadcasterType('channel.poll.begin', '1', POLLS),
  'channel.poll.progress': broadcasterType('channel.poll.progress', '1', POLLS),
  'channel.poll.end': broadcasterType('channel.poll.end', '1', POLLS),
  'channel.prediction.begin': broadcasterType('channel.prediction.begin', '1', PREDICTIONS),
  'channel.prediction.progress': broadcasterType('channel.prediction.progress', '1', PREDICTIONS),
  'channel.prediction.lock': broadcasterType('channel.prediction.lock', '1', PREDICTIONS),
  'channel.prediction.end': broadcasterType('channel.prediction.end', '1', PREDICTIONS),
  'channel.subscription.message': broadcasterType(
    'channel.subscription.message',
    '1',
    SUBSCRIPTIONS,
  ),
  'channel.bits.use': broadcasterType('channel.bits.use', '1', BITS),
  'channel.ad_break.begin': broadcasterType('channel.ad_break.begin', '1', ADS),
  // Create: shoutouts the channel gives; receive: shoutouts it gets (its id in broadcaster_user_id).
  'channel.shoutout.create': moderatorType('channel.shoutout.create', '1', SHOUTOUTS),
  'channel.shoutout.receive': moderatorType('channel.shoutout.receive', '1', SHOUTOUTS),
  'channel.charity_campaign.donate': broadcasterType(
    'channel.charity_campaign.donate',
    '1',
    CHARITY,
  ),
  'channel.charity_campaign.start': broadcasterType('channel.charity_campaign.start', '1', CHARITY),
  'channel.charity_campaign.progress': broadcasterType(
    'channel.charity_campaign.progress',
    '1',
    CHARITY,
  ),
  'channel.charity_campaign.stop': broadcasterType('channel.charity_campaign.stop', '1', CHARITY),
  'channel.chat.message': chatType('channel.chat.message'),
  'channel.chat.message_delete': chatType('channel.chat.message_delete'),
  'channel.chat.clear_user_messages': chatType('channel.chat.clear_user_messages'),
  'channel.chat.clear': chatType('channel.chat.clear'),
  'channel.chat.notification': chatType('channel.chat.notification'),
};

/** The spec for `type` at `version`, or undefined when the simulator does not serve that pair. */
export function subscriptionTypeSpec(
  type: string,
  version: string,
): SubscriptionTypeSpec | undefined {
  const found = (SUBSCRIPTION_TYPES as Record<string, SubscriptionTypeSpec | undefined>)[type];
  return found?.version === version ? found : undefined;
}

/**
 * The condition with every field of the type present (unset ones as "", as Twitch echoes them), or
 * a message saying what is missing.
 */
export function normaliseCondition(
  spec: SubscriptionTypeSpec,
  raw: unknown,
): { condition: Condition } | { problem: string } {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    return { problem: 'The condition object is missing' };
  }
  const given = raw as Record<string, unknown>;
  const condition: Condition = {};
  for (const field of [...spec.requiredFields, ...spec.oneOfFields]) {
    const value = given[field];
    condition[field] = typeof value === 'string' || typeof value === 'number' ? String(value) : '';
  }
  const missing = spec.requiredFields.filter((field) => condition[field] === '');
  if (missing.length > 0) {
    return { problem: `The condition for ${spec.type} needs ${missing.join(' and ')}` };
  }
  if (spec.oneOfFields.length > 0) {
    const set = spec.oneOfFields.filter((field) => condition[field] !== '');
    if (set.length !== 1) {
      return {
        problem: `The condition for ${spec.type} needs exactly one of ${spec.oneOfFields.join(', ')}`,
      };
    }
  }
  return { condition };
}
