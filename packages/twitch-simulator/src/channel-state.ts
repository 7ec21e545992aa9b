import { randomInt } from 'node:crypto';
import type { Cheer } from './bits-leaderboard.js';
import type { CharityCampaign } from './charity-campaign.js';
import type { ChannelPoll } from './channel-poll.js';
import type { ChannelPrediction } from './channel-prediction.js';
import { ChatRoom } from './chat-room.js';
import type { CreatorGoal, GoalType } from './creator-goal.js';
import type { RewardFacts } from './event-payloads.js';
import type { HypeTrain } from './hype-train.js';
import { SUB_POINTS, type SubTier } from './sub-tier.js';
import type { SimulatedUser } from './user-directory.js';

/** A follower of the channel. */
export interface Follower {
  readonly user: SimulatedUser;
  readonly followedAt: Date;
  /** Where the follow stands in the channel's order of happenings (later is greater); Helix cursors page by it. */
  readonly sequence: number;
}

/** A sub as it is recorded: who, which tier, and who gifted it. */
export interface NewSubscriber {
  readonly user: SimulatedUser;
  readonly tier: SubTier;
  /** The gifter; null for a sub the user bought, or an anonymous gift (see `anonymousGift`). */
  readonly gifter: SimulatedUser | null;
  readonly isGift: boolean;
  readonly anonymousGift: boolean;
}

/** A subscriber of the channel. */
export interface Subscriber extends NewSubscriber {
  /** Where the sub stands in the channel's order of happenings (later is greater); Helix cursors page by it. */
  readonly sequence: number;
}

/** The broadcast while the channel is live. */
export interface LiveStream {
  readonly id: string;
  readonly startedAt: Date;
}

/** The categories simulated channels stream in: each channel gets one by its id, so shoutouts vary. */
export const SIMULATED_GAMES: ReadonlyArray<{ readonly id: string; readonly name: string }> = [
  { id: '509658', name: 'Just Chatting' },
  { id: '27471', name: 'Minecraft' },
  { id: '1469308723', name: 'Software and Game Development' },
  { id: '509660', name: 'Art' },
  { id: '26936', name: 'Music' },
  { id: '743', name: 'Chess' },
];

/**
 * What Helix reports about one channel: followers, subscribers, cheers, the live stream and its
 * viewers, title and game. Events change it (a follow adds a follower); Helix reads it.
 */
export class ChannelState {
  title = 'Playing with the Twitch simulator';
  gameId: string;
  gameName: string;
  language = 'en';
  tags: string[] = ['English', 'Simulated'];
  /** Viewers of the live stream (kept while offline, so going live again starts from it). */
  viewerCount = 0;
  /** The hype train running now, or null. */
  hypeTrain: HypeTrain | null = null;
  /** The channel's best hype train so far (Twitch's all-time high). */
  hypeTrainRecord = { level: 0, total: 0 };
  /** The creator goals running now: one of each type at most, as on Twitch. */
  readonly goals = new Map<GoalType, CreatorGoal>();
  /** The poll running now, or null. */
  poll: ChannelPoll | null = null;
  /** The prediction running (or locked) now, or null. */
  prediction: ChannelPrediction | null = null;
  /** The charity campaign running now, or null. */
  charity: CharityCampaign | null = null;
  /** Custom channel-points rewards, by title (made up on their first redemption). */
  readonly rewards = new Map<string, RewardFacts>();
  /** The channel's recent chat messages (what a moderator can delete, a viewer reply to). */
  readonly chat = new ChatRoom();
  private liveStream: LiveStream | null = null;
  private readonly followers = new Map<string, Follower>();
  private readonly subscribers = new Map<string, Subscriber>();
  private readonly giftsByGifter = new Map<string, number>();
  private readonly cheerLog: Cheer[] = [];
  private lastSequence = 0;

  constructor(readonly broadcaster: SimulatedUser) {
    const game =
      SIMULATED_GAMES[Number(broadcaster.id) % SIMULATED_GAMES.length] ?? SIMULATED_GAMES[0];
    this.gameId = game.id;
    this.gameName = game.name;
  }

  /** The live stream, or null while offline. */
  get stream(): LiveStream | null {
    return this.liveStream;
  }

  /** Helix `/channels/followers` `total`. */
  get followerCount(): number {
    return this.followers.size;
  }

  /** Helix `/subscriptions` `total`. */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Helix `/subscriptions` `points`. */
  get subPoints(): number {
    let points = 0;
    for (const sub of this.subscribers.values()) points += SUB_POINTS[sub.tier];
    return points;
  }

  /** Records a follow; a user who already follows follows again (the total does not change). */
  follow(user: SimulatedUser, at: Date): void {
    this.followers.delete(user.id);
    this.followers.set(user.id, { user, followedAt: at, sequence: ++this.lastSequence });
  }

  /** Followers, newest first (Helix's order). */
  followersNewestFirst(): Follower[] {
    return [...this.followers.values()].reverse();
  }

  /** Records a sub (bought or gifted); a current subscriber's sub is replaced. */
  subscribe(sub: NewSubscriber): void {
    this.subscribers.delete(sub.user.id);
    this.subscribers.set(sub.user.id, { ...sub, sequence: ++this.lastSequence });
  }

  /** Subscribers, newest first. */
  subscribersNewestFirst(): Subscriber[] {
    return [...this.subscribers.values()].reverse();
  }

  /** Whether the user currently subscribes. */
  isSubscriber(userId: string): boolean {
    return this.subscribers.has(userId);
  }

  /** Counts `count` gifts by `gifter` and returns how many they have gifted here in all. */
  recordGifts(gifter: SimulatedUser, count: number): number {
    const total = (this.giftsByGifter.get(gifter.id) ?? 0) + count;
    this.giftsByGifter.set(gifter.id, total);
    return total;
  }

  /** Records Bits used here: a cheer (`user` null when anonymous), a Power-up or a Combo. */
  cheer(user: SimulatedUser | null, bits: number, at: Date): void {
    this.cheerLog.push({ user, bits, at });
  }

  /** Every cheer, oldest first. */
  cheers(): readonly Cheer[] {
    return this.cheerLog;
  }

  /** Bits used here in all (cheers, anonymous ones included, Power-ups and Combos). */
  get bitsCheered(): number {
    return this.cheerLog.reduce((sum, cheer) => sum + cheer.bits, 0);
  }

  /** Starts a new broadcast (a new stream id even if already live, as after a restart). */
  goLive(at: Date): LiveStream {
    this.liveStream = { id: String(randomInt(10_000_000, 99_999_999)) + '0001', startedAt: at };
    return this.liveStream;
  }

  /** Ends the broadcast. */
  goOffline(): void {
    this.liveStream = null;
  }
}
