import { TWITCH_EVENT_TYPES, type TwitchEventType } from '../contract/sse-contract.js';
import { TestEventSamples } from './test-event-samples.js';

const BROADCASTER = ['broadcaster_user_id', 'broadcaster_user_login', 'broadcaster_user_name'];
const HYPE_TRAIN = [
  'id',
  ...BROADCASTER,
  'type',
  'level',
  'total',
  'top_contributions',
  'is_shared_train',
  'shared_train_participants',
  'started_at',
];
const GOAL = [
  'id',
  ...BROADCASTER,
  'type',
  'description',
  'current_amount',
  'target_amount',
  'started_at',
];
const POLL = [
  'id',
  ...BROADCASTER,
  'title',
  'choices',
  'bits_voting',
  'channel_points_voting',
  'started_at',
];
const PREDICTION = ['id', ...BROADCASTER, 'title', 'outcomes', 'started_at'];

/** What Twitch says of a charity, in each charity campaign event. */
const CHARITY = ['charity_name', 'charity_description', 'charity_logo', 'charity_website'];

/** Chat: another channel's message or notice under shared chat (null for this channel's own). */
const SHARED_CHAT = [
  'source_broadcaster_user_id',
  'source_broadcaster_user_login',
  'source_broadcaster_user_name',
  'source_message_id',
  'source_badges',
];
const CHATTER = ['chatter_user_id', 'chatter_user_login', 'chatter_user_name'];
const TARGET = ['target_user_id', 'target_user_login', 'target_user_name'];

/** The event fields Twitch documents for each type (EventSub subscription types reference). */
const DOCUMENTED_FIELDS: Record<TwitchEventType, string[]> = {
  'channel.chat.message': [
    ...BROADCASTER,
    ...CHATTER,
    'message_id',
    'message',
    'message_type',
    'badges',
    'cheer',
    'color',
    'reply',
    'channel_points_custom_reward_id',
    ...SHARED_CHAT,
    'is_source_only',
  ],
  'channel.chat.message_delete': [...BROADCASTER, ...TARGET, 'message_id'],
  'channel.chat.clear_user_messages': [...BROADCASTER, ...TARGET],
  'channel.chat.clear': [...BROADCASTER],
  'channel.chat.notification': [
    ...BROADCASTER,
    ...CHATTER,
    'chatter_is_anonymous',
    'color',
    'badges',
    'system_message',
    'message_id',
    'message',
    'notice_type',
    'sub',
    'resub',
    'sub_gift',
    'community_sub_gift',
    'gift_paid_upgrade',
    'prime_paid_upgrade',
    'pay_it_forward',
    'raid',
    'unraid',
    'announcement',
    'bits_badge_tier',
    'charity_donation',
    'watch_streak',
    'shared_chat_sub',
    'shared_chat_resub',
    'shared_chat_sub_gift',
    'shared_chat_community_sub_gift',
    'shared_chat_gift_paid_upgrade',
    'shared_chat_prime_paid_upgrade',
    'shared_chat_pay_it_forward',
    'shared_chat_raid',
    'shared_chat_announcement',
    ...SHARED_CHAT,
  ],
  'channel.subscription.message': [
    'user_id',
    'user_login',
    'user_name',
    ...BROADCASTER,
    'tier',
    'message',
    'cumulative_months',
    'streak_months',
    'duration_months',
  ],
  'channel.bits.use': [
    'user_id',
    'user_login',
    'user_name',
    ...BROADCASTER,
    'bits',
    'type',
    'message',
    'power_up',
  ],
  'channel.ad_break.begin': [
    'duration_seconds',
    'started_at',
    'is_automatic',
    ...BROADCASTER,
    'requester_user_id',
    'requester_user_login',
    'requester_user_name',
  ],
  'channel.shoutout.create': [
    ...BROADCASTER,
    'to_broadcaster_user_id',
    'to_broadcaster_user_login',
    'to_broadcaster_user_name',
    'moderator_user_id',
    'moderator_user_login',
    'moderator_user_name',
    'viewer_count',
    'started_at',
    'cooldown_ends_at',
    'target_cooldown_ends_at',
  ],
  'channel.shoutout.receive': [
    ...BROADCASTER,
    'from_broadcaster_user_id',
    'from_broadcaster_user_login',
    'from_broadcaster_user_name',
    'viewer_count',
    'started_at',
  ],
  'channel.charity_campaign.donate': [
    'id',
    'campaign_id',
    ...BROADCASTER,
    'user_id',
    'user_login',
    'user_name',
    ...CHARITY,
    'amount',
  ],
  'channel.charity_campaign.start': [
    'id',
    ...BROADCASTER,
    ...CHARITY,
    'current_amount',
    'target_amount',
    'started_at',
  ],
  'channel.charity_campaign.progress': [
    'id',
    ...BROADCASTER,
    ...CHARITY,
    'current_amount',
    'target_amount',
  ],
  'channel.charity_campaign.stop': [
    'id',
    ...BROADCASTER,
    ...CHARITY,
    'current_amount',
    'target_amount',
    'stopped_at',
  ],
  'channel.follow': [
    'user_id',
    'user_login',
    'user_name',
    'broadcaster_user_id',
    'broadcaster_user_login',
    'broadcaster_user_name',
    'followed_at',
  ],
  'channel.subscribe': [
    'user_id',
    'user_login',
    'user_name',
    'broadcaster_user_id',
    'broadcaster_user_login',
    'broadcaster_user_name',
    'tier',
    'is_gift',
  ],
  'channel.subscription.gift': [
    'user_id',
    'user_login',
    'user_name',
    'broadcaster_user_id',
    'broadcaster_user_login',
    'broadcaster_user_name',
    'total',
    'tier',
    'cumulative_total',
    'is_anonymous',
  ],
  'channel.cheer': [
    'is_anonymous',
    'user_id',
    'user_login',
    'user_name',
    'broadcaster_user_id',
    'broadcaster_user_login',
    'broadcaster_user_name',
    'message',
    'bits',
  ],
  'channel.raid': [
    'from_broadcaster_user_id',
    'from_broadcaster_user_login',
    'from_broadcaster_user_name',
    'to_broadcaster_user_id',
    'to_broadcaster_user_login',
    'to_broadcaster_user_name',
    'viewers',
  ],
  'stream.online': [
    'id',
    'broadcaster_user_id',
    'broadcaster_user_login',
    'broadcaster_user_name',
    'type',
    'started_at',
  ],
  'stream.offline': ['broadcaster_user_id', 'broadcaster_user_login', 'broadcaster_user_name'],
  'channel.channel_points_custom_reward_redemption.add': [
    'id',
    ...BROADCASTER,
    'user_id',
    'user_login',
    'user_name',
    'user_input',
    'status',
    'reward',
    'redeemed_at',
  ],
  'channel.hype_train.begin': [
    ...HYPE_TRAIN,
    'progress',
    'goal',
    'all_time_high_level',
    'all_time_high_total',
    'expires_at',
  ],
  'channel.hype_train.progress': [...HYPE_TRAIN, 'progress', 'goal', 'expires_at'],
  'channel.hype_train.end': [...HYPE_TRAIN, 'ended_at', 'cooldown_ends_at'],
  'channel.goal.begin': GOAL,
  'channel.goal.progress': GOAL,
  'channel.goal.end': [...GOAL, 'is_achieved', 'ended_at'],
  'channel.poll.begin': [...POLL, 'ends_at'],
  'channel.poll.progress': [...POLL, 'ends_at'],
  'channel.poll.end': [...POLL, 'status', 'ended_at'],
  'channel.prediction.begin': [...PREDICTION, 'locks_at'],
  'channel.prediction.progress': [...PREDICTION, 'locks_at'],
  'channel.prediction.lock': [...PREDICTION, 'locked_at'],
  'channel.prediction.end': [...PREDICTION, 'winning_outcome_id', 'status', 'ended_at'],
};

describe('TestEventSamples', () => {
  it.each(TWITCH_EVENT_TYPES)('gives %s every field Twitch documents, and no other', (event) => {
    const sample = new TestEventSamples().create(event);
    expect(Object.keys(sample).sort()).toEqual([...DOCUMENTED_FIELDS[event]].sort());
  });

  it('types the fields as Twitch does', () => {
    const samples = new TestEventSamples();
    const cheer = samples.create('channel.cheer');
    expect(typeof cheer.bits).toBe('number');
    expect(typeof cheer.is_anonymous).toBe('boolean');
    expect(samples.create('channel.subscribe').tier).toMatch(/^[123]000$/);
    const follow = samples.create('channel.follow');
    expect(new Date(follow.followed_at as string).toISOString()).toBe(follow.followed_at);
    expect(typeof samples.create('channel.raid').viewers).toBe('number');
  });

  it('takes the next sample viewer on each call, so test alerts are told apart', () => {
    const samples = new TestEventSamples();
    const names = [1, 2, 3].map(() => samples.create('channel.follow').user_name);
    expect(new Set(names).size).toBe(3);
  });

  it('puts the given fields over the sample', () => {
    const cheer = new TestEventSamples().create('channel.cheer', { bits: 5000, user_name: 'Big' });
    expect(cheer).toMatchObject({ bits: 5000, user_name: 'Big', is_anonymous: false });
  });
});
