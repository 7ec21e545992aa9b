/** When one kind of activity happens: first after `firstAfterMs`, then every `everyMs` (a random time in that range). */
export interface DemoTiming {
  readonly firstAfterMs: number;
  readonly everyMs: readonly [min: number, max: number];
}

/** The pace of the demo. */
export interface DemoTimings {
  /** Delay before the stream goes online. */
  readonly goLiveAfterMs: number;
  readonly follow: DemoTiming;
  readonly subscribe: DemoTiming;
  /** A resub shared in chat (on an established channel most sub alerts are resubs). */
  readonly resub: DemoTiming;
  readonly cheer: DemoTiming;
  /** A Power-up, played only while someone subscribes to `channel.bits.use` (only it carries them). */
  readonly powerUp: DemoTiming;
  readonly giftBomb: DemoTiming;
  readonly raid: DemoTiming;
  /** Viewer count drifting up and down. */
  readonly viewers: DemoTiming;
  /** A channel points redemption. */
  readonly redemption: DemoTiming;
  /** A look at the follower goal: begun when none runs, ended once reached. */
  readonly goal: DemoTiming;
  /** A hype train: begins, takes a few contributions, ends. */
  readonly hypeTrain: DemoTiming;
  /** A poll: begins, takes votes, ends. */
  readonly poll: DemoTiming;
  /** A prediction: begins, takes predictions, locks, ends. */
  readonly prediction: DemoTiming;
  /** An ad break (30 to 180 s). */
  readonly adBreak: DemoTiming;
  /** A shoutout, given or received. */
  readonly shoutout: DemoTiming;
  /** A donation to the charity campaign (the first one starts it). */
  readonly charity: DemoTiming;
  /** A chat message (a few a second make a lively chat). */
  readonly chat: DemoTiming;
  /** A moderator deleting a message or timing a chatter out. */
  readonly chatModeration: DemoTiming;
  /** An announcement or a watch streak in chat. */
  readonly chatNotice: DemoTiming;
  /** Time between the steps of a hype train, poll or prediction. */
  readonly stepMs: number;
}

/** A stream that feels alive without being noisy: a follow every few seconds, a raid every few minutes. */
export const DEFAULT_DEMO_TIMINGS: DemoTimings = {
  goLiveAfterMs: 1_000,
  follow: { firstAfterMs: 3_000, everyMs: [6_000, 15_000] },
  subscribe: { firstAfterMs: 12_000, everyMs: [25_000, 50_000] },
  resub: { firstAfterMs: 18_000, everyMs: [20_000, 45_000] },
  cheer: { firstAfterMs: 20_000, everyMs: [30_000, 70_000] },
  powerUp: { firstAfterMs: 35_000, everyMs: [60_000, 120_000] },
  giftBomb: { firstAfterMs: 45_000, everyMs: [240_000, 360_000] },
  raid: { firstAfterMs: 90_000, everyMs: [300_000, 600_000] },
  viewers: { firstAfterMs: 5_000, everyMs: [5_000, 10_000] },
  redemption: { firstAfterMs: 15_000, everyMs: [40_000, 80_000] },
  goal: { firstAfterMs: 2_000, everyMs: [20_000, 30_000] },
  hypeTrain: { firstAfterMs: 60_000, everyMs: [420_000, 600_000] },
  poll: { firstAfterMs: 30_000, everyMs: [300_000, 420_000] },
  prediction: { firstAfterMs: 150_000, everyMs: [360_000, 540_000] },
  adBreak: { firstAfterMs: 120_000, everyMs: [600_000, 900_000] },
  shoutout: { firstAfterMs: 75_000, everyMs: [180_000, 360_000] },
  charity: { firstAfterMs: 25_000, everyMs: [45_000, 90_000] },
  chat: { firstAfterMs: 1_500, everyMs: [150, 700] },
  chatModeration: { firstAfterMs: 20_000, everyMs: [30_000, 60_000] },
  chatNotice: { firstAfterMs: 10_000, everyMs: [40_000, 80_000] },
  stepMs: 6_000,
};

/** The kinds of activity the demo plays. */
export type DemoActivityKind =
  | 'online'
  | 'follow'
  | 'subscribe'
  | 'resub'
  | 'cheer'
  | 'powerUp'
  | 'giftBomb'
  | 'raid'
  | 'viewers'
  | 'redemption'
  | 'goal'
  | 'hypeTrain'
  | 'poll'
  | 'prediction'
  | 'adBreak'
  | 'shoutout'
  | 'charity'
  | 'chat'
  | 'chatModeration'
  | 'chatNotice';
