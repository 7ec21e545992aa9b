import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { BehaviorSubject, Subject } from 'rxjs';
import { NotTheLeaderError, type Leadership } from '../leadership/leadership.js';
import type { ReceivedTwitchEvent, TwitchEventIngest } from '../eventsub/twitch-event-ingest.js';
import type { Projection, ProjectionName } from './projection.js';
import { ProjectionRunner } from './projection-runner.js';

describe('ProjectionRunner', () => {
  const follow: ReceivedTwitchEvent = { type: 'channel.follow', data: {}, publishedId: 1 };
  let events: Subject<ReceivedTwitchEvent>;
  let role: BehaviorSubject<string>;
  let runner: ProjectionRunner;
  let calls: string[];

  const projection = (name: ProjectionName, apply?: () => void): Projection => ({
    projection: name,
    apply: () => {
      calls.push(`${name} apply`);
      apply?.();
    },
    takeOver: () => calls.push(`${name} takeOver`),
  });

  beforeEach(() => {
    events = new Subject();
    role = new BehaviorSubject('leader');
    calls = [];
    runner = new ProjectionRunner(
      { events$: events.asObservable() } as unknown as TwitchEventIngest,
      { role$: role.asObservable() } as unknown as Leadership,
    );
    runner.onModuleInit();
  });

  afterEach(() => runner.onModuleDestroy());

  it('gives each event to the projections in the declared order, whatever order they registered in', () => {
    runner.register(projection('subathon'));
    runner.register(projection('gap-recovery'));
    runner.register(projection('channel-stats'));
    runner.register(projection('labels'));
    events.next(follow);
    expect(calls).toEqual([
      'channel-stats apply',
      'labels apply',
      'subathon apply',
      'gap-recovery apply',
    ]);
    expect(runner.order).toEqual(['channel-stats', 'labels', 'subathon', 'gap-recovery']);
  });

  it('has each take over from the log, in order, when this instance becomes the leader — not at start', () => {
    runner.register(projection('labels'));
    runner.register(projection('channel-stats'));
    expect(calls).toEqual([]);
    role.next('follower');
    role.next('leader');
    expect(calls).toEqual(['channel-stats takeOver', 'labels takeOver']);
  });

  it('goes on to the other projections when one fails, and says which failed', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => {});
    try {
      runner.register(
        projection('channel-stats', () => {
          throw new Error('broken');
        }),
      );
      runner.register(
        projection('labels', () => {
          throw new NotTheLeaderError('the labels');
        }),
      );
      runner.register(projection('subathon'));
      events.next(follow);
      expect(calls).toEqual(['channel-stats apply', 'labels apply', 'subathon apply']);
      const logged = error.mock.calls.map((call) => String(call[0]));
      expect(logged.some((line) => /channel-stats projection failed.*broken/.test(line))).toBe(
        true,
      );
      expect(logged.some((line) => /labels projection failed/.test(line))).toBe(false);
    } finally {
      error.mockRestore();
    }
  });
});
