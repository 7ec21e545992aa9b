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
    restore: (occasion) => calls.push(`${name} restore ${occasion}`),
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
    calls = [];
    events.next(follow);
    expect(calls).toEqual([
      'channel-stats apply',
      'labels apply',
      'subathon apply',
      'gap-recovery apply',
    ]);
    expect(runner.order).toEqual(['channel-stats', 'labels', 'subathon', 'gap-recovery']);
  });

  it('has each restore from the log as it registers, and again, in order, when this instance becomes the leader', () => {
    runner.register(projection('labels'));
    runner.register(projection('channel-stats'));
    expect(calls).toEqual(['labels restore start', 'channel-stats restore start']);
    calls = [];
    role.next('follower');
    expect(calls).toEqual([]);
    role.next('leader');
    expect(calls).toEqual(['channel-stats restore lead', 'labels restore lead']);
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
      calls = [];
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
