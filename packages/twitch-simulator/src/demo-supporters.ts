import type { DemoChat } from './demo-chat.js';
import {
  CHEER_MESSAGES,
  EFFECT_MESSAGES,
  RAIDERS,
  RESUB_MESSAGES,
  REWARDS,
} from './demo-material.js';
import type { DemoStage } from './demo-stage.js';

/**
 * The viewers' support in the demo: follows, subs, resubs, cheers, Power-ups, gift bombs, raids
 * and channel points redemptions, each sub, resub, gift, raid and cheer also shown in chat (Twitch
 * sends both, the event and its notice or message).
 */
export class DemoSupporters {
  /**
   * `bitsUseWatched`: whether a subscription to `channel.bits.use` would see a Power-up (the demo
   * plays none otherwise).
   */
  constructor(
    private readonly stage: DemoStage,
    private readonly chat: DemoChat,
    private readonly bitsUseWatched: () => boolean,
  ) {}

  follow(): void {
    this.stage.trigger('follow', 'channel.follow', { user: this.stage.viewerName() });
  }

  subscribe(): void {
    const { stage } = this;
    const tier = this.tier();
    const user = stage.viewerName();
    if (stage.trigger('subscribe', 'channel.subscribe', { user, tier })) {
      this.chat.announce('sub', { user, tier, prime: tier === '1000' && stage.random() < 0.3 });
    }
  }

  resub(): void {
    const { stage } = this;
    const tier = this.tier();
    const months = stage.between(2, 36);
    const hideStreak = stage.random() < 0.15;
    const resub = {
      user: stage.viewerName(),
      tier,
      months,
      ...(hideStreak ? { hideStreak } : { streak: stage.between(1, months) }),
      message: stage.pick(RESUB_MESSAGES),
    };
    if (stage.trigger('resub', 'channel.subscription.message', resub)) {
      // Only the chat's notice says whether it was Prime.
      this.chat.announce('resub', { ...resub, prime: tier === '1000' && stage.random() < 0.3 });
    }
  }

  /** A Power-up, when a subscription to `channel.bits.use` would see it (nothing otherwise). */
  powerUp(): void {
    const { stage } = this;
    if (!this.bitsUseWatched()) return;
    const powerUp = stage.pick(['message_effect', 'gigantify_an_emote', 'celebration']);
    stage.trigger('powerUp', 'channel.bits.use', {
      user: stage.viewerName(),
      bitsType: 'power_up',
      powerUp,
      ...(powerUp === 'message_effect' ? { message: stage.pick(EFFECT_MESSAGES) } : {}),
      ...(powerUp === 'gigantify_an_emote'
        ? { emote: stage.pick(['demostHype', 'PogChamp']) }
        : {}),
    });
  }

  cheer(): void {
    const { stage } = this;
    const bits = stage.pick([1, 50, 100, 100, 250, 500, 1000]);
    const anonymous = stage.random() < 0.1;
    const message = stage.pick(CHEER_MESSAGES).replace('{bits}', String(bits));
    const user = anonymous ? undefined : stage.viewerName();
    if (stage.trigger('cheer', 'channel.cheer', { user, anonymous, bits, message }) && user) {
      this.chat.cheered(user, message);
    }
  }

  giftBomb(): void {
    const { stage } = this;
    const anonymous = stage.random() < 0.2;
    const gift = {
      user: anonymous ? undefined : stage.viewerName(),
      anonymous,
      total: stage.pick([5, 5, 10]),
    };
    if (stage.trigger('giftBomb', 'channel.subscription.gift', gift)) {
      this.chat.announce('community_sub_gift', gift);
    }
  }

  raid(): void {
    const { stage } = this;
    const raid = { user: stage.pick(RAIDERS), viewers: stage.between(8, 80) };
    if (stage.trigger('raid', 'channel.raid', raid)) this.chat.announce('raid', raid);
  }

  redeem(): void {
    const { stage } = this;
    const { reward, cost, inputs } = stage.pick(REWARDS);
    stage.trigger('redemption', 'channel.channel_points_custom_reward_redemption.add', {
      user: stage.viewerName(),
      reward,
      cost,
      input: stage.pick(inputs),
    });
  }

  /** Mostly tier 1, now and then 2, rarely 3. */
  private tier(): '1000' | '2000' | '3000' {
    const roll = this.stage.random();
    return roll < 0.8 ? '1000' : roll < 0.95 ? '2000' : '3000';
  }
}
