import { POLLS, PREDICTIONS } from './demo-material.js';
import type { DemoStage } from './demo-stage.js';

/**
 * The demo's happenings that run a while: a hype train, a poll and a prediction, each a begin,
 * a few steps `stepMs` apart, and an end.
 */
export class DemoSequences {
  constructor(
    private readonly stage: DemoStage,
    private readonly stepMs: number,
  ) {}

  /** Begin, three contributions a step apart, end. */
  hypeTrain(): void {
    const { stage, stepMs: step } = this;
    stage.trigger('hypeTrain', 'channel.hype_train.begin', { user: stage.viewerName(), bits: 500 });
    for (let i = 1; i <= 3; i++) {
      stage.after(i * step, () =>
        stage.trigger('hypeTrain', 'channel.hype_train.progress', {
          user: stage.viewerName(),
          ...(i % 2 === 0 ? { tier: '1' } : { bits: stage.pick([300, 500, 1000]) }),
        }),
      );
    }
    stage.after(4 * step, () => stage.trigger('hypeTrain', 'channel.hype_train.end', {}));
  }

  /** Begin, four votes a step apart, end. */
  poll(): void {
    const { stage, stepMs: step } = this;
    const { title, choices } = stage.pick(POLLS);
    const count = choices.split(',').length;
    stage.trigger('poll', 'channel.poll.begin', { title, choices, seconds: 60 });
    for (let i = 1; i <= 4; i++) {
      stage.after(i * step, () =>
        stage.trigger('poll', 'channel.poll.progress', {
          choice: String(stage.between(1, count)),
          votes: stage.between(1, 6),
        }),
      );
    }
    stage.after(5 * step, () => stage.trigger('poll', 'channel.poll.end', {}));
  }

  /** Begin, four predictions a step apart, lock, end with a winner. */
  prediction(): void {
    const { stage, stepMs: step } = this;
    const { title, outcomes } = stage.pick(PREDICTIONS);
    stage.trigger('prediction', 'channel.prediction.begin', { title, outcomes, seconds: 60 });
    for (let i = 1; i <= 4; i++) {
      stage.after(i * step, () =>
        stage.trigger('prediction', 'channel.prediction.progress', {
          user: stage.viewerName(),
          outcome: String(stage.between(1, 2)),
          points: stage.pick([50, 100, 250, 1000]),
        }),
      );
    }
    stage.after(5 * step, () => stage.trigger('prediction', 'channel.prediction.lock', {}));
    stage.after(6 * step, () =>
      stage.trigger('prediction', 'channel.prediction.end', {
        outcome: String(stage.between(1, 2)),
      }),
    );
  }
}
