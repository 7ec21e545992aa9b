import { RAIDERS } from './demo-material.js';
import type { DemoStage } from './demo-stage.js';

/** Twitch lets a channel shout out the same channel once an hour. */
const SAME_CHANNEL_SHOUTOUT_MS = 60 * 60_000;

/**
 * The channel's own moments in the demo: ad breaks, shoutouts both ways, and a charity campaign
 * that viewers donate to. Apart from the rest of the demo so that its file keeps one job.
 */
export class DemoMoments {
  /** When this channel last shouted out each raider (Twitch's one-hour cooldown per channel). */
  private readonly shoutedOutAt = new Map<string, number>();
  /** Whether this channel gave the last shoutout (then the next one is received). */
  private gaveLast = false;

  constructor(private readonly stage: DemoStage) {}

  /** An ad break of 30 to 180 s, now and then one from Twitch's ad schedule. */
  adBreak(): void {
    const { stage } = this;
    stage.trigger('adBreak', 'channel.ad_break.begin', {
      seconds: stage.pick([30, 60, 90, 90, 180]),
      automatic: stage.between(1, 4) === 1,
    });
  }

  /**
   * In turn: this channel shouts out a channel it has not lately (Twitch allows the same one once
   * an hour), then another channel shouts this one out.
   */
  shoutout(): void {
    const { stage } = this;
    const now = stage.now();
    const fresh = RAIDERS.filter(
      (raider) => now - (this.shoutedOutAt.get(raider) ?? -Infinity) >= SAME_CHANNEL_SHOUTOUT_MS,
    );
    const gives = !this.gaveLast && fresh.length > 0;
    this.gaveLast = gives;
    if (!gives) {
      stage.trigger('shoutout', 'channel.shoutout.receive', { user: stage.pick(RAIDERS) });
      return;
    }
    const to = stage.pick(fresh);
    this.shoutedOutAt.set(to, now);
    stage.trigger('shoutout', 'channel.shoutout.create', { user: to });
  }

  /** A donation to the channel's charity campaign (the first one starts the campaign). */
  donate(): void {
    const { stage } = this;
    stage.trigger('charity', 'channel.charity_campaign.donate', {
      user: stage.viewerName(),
      amount: stage.pick([500, 1000, 1000, 2500, 5000]),
    });
  }
}
