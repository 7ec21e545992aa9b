import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { filter, skip, type Subscription } from 'rxjs';
import { EVENT_LOG, EventBus } from '../bus/event-bus.js';
import { Leadership } from '../leadership/leadership.js';
import type { EventLog } from '../bus/event-log.js';
import type { StatusMessage } from '../contract/sse-contract.js';
import { EventSubConnection } from '../eventsub/eventsub-connection.js';
import { GapRecovery } from '../recovery/gap-recovery.js';
import { StatsPoller } from '../stats/stats-poller.js';
import { TwitchSession, type TwitchSessionState } from '../twitch/twitch-session.js';

/**
 * Tells SSE clients how the service's parts are doing: the sign-in (`auth`), the EventSub
 * connection (`eventsub`) and the Helix poll (`poll`), each as a `{"type":"status"}` state on the
 * bus. The parts only report on their own streams; what is news for the widgets is decided here.
 */
@Injectable()
export class ComponentStatusPublisher implements OnModuleInit, OnModuleDestroy {
  private readonly subscriptions: Subscription[] = [];

  constructor(
    private readonly bus: EventBus,
    private readonly twitch: TwitchSession,
    private readonly eventSub: EventSubConnection,
    private readonly poller: StatsPoller,
    private readonly recovery: GapRecovery,
    @Inject(EVENT_LOG) private readonly log: EventLog,
    private readonly leadership: Leadership,
  ) {}

  onModuleInit(): void {
    this.replaceStatusFromBeforeRestart();
    this.subscriptions.push(
      this.twitch.state$.subscribe((state) => this.publishAuth(state)),
      // A new last-message time alone is not news: it changes with every keepalive.
      this.eventSub.status$.subscribe((eventsub) =>
        this.bus.setState(
          'status:eventsub',
          { type: 'status', data: { eventsub: structuredClone(eventsub) } },
          ({ data }) => ({ ...data, eventsub: { ...eventsub, lastMessageAt: undefined } }),
        ),
      ),
      // Whether events reach the disk: a streamer must know when a restart would lose them.
      ...(this.log.status$
        ? [
            this.log.status$.subscribe((eventLog) =>
              this.bus.setState('status:eventLog', { type: 'status', data: { eventLog } }),
            ),
          ]
        : []),
      // A standby that takes the lead goes on with the EventSub connection it had: no change to
      // announce, but clients were last told the old leader's.
      this.leadership.role$
        .pipe(
          skip(1),
          filter((role) => role === 'leader'),
        )
        .subscribe(() => {
          const { reconnects: _reconnects, ...eventsub } = this.eventSub.status;
          this.bus.publish({ type: 'status', data: { eventsub } });
        }),
      // Several instances: who leads (a new leader says so), and a Redis outage once it ended.
      this.leadership.status$.subscribe((cluster) =>
        this.bus.setState('status:cluster', { type: 'status', data: { cluster } }),
      ),
      // Each recovery after a gap, as it starts and ends: the dashboard shows what may be missing.
      this.recovery.report$.subscribe((recovery) =>
        this.bus.setState('status:recovery', { type: 'status', data: { recovery } }),
      ),
      // Each poll is news (once a minute): a client that connects later must not be told a next
      // poll time that has already passed. Repeated failures with the same error are not.
      this.poller.status$.subscribe((poll) =>
        this.bus.setState('status:poll', { type: 'status', data: { poll: { ...poll } } }, () => ({
          ok: poll.ok,
          error: poll.error,
          lastPollAt: poll.lastPollAt,
        })),
      ),
    );
  }

  /**
   * A durable event log hands back the status the parts had before a restart: say at once how
   * they are now (EventSub starting, no poll yet) rather than let a client believe the old state.
   * The sign-in's follows within a moment, when the session is checked.
   */
  private replaceStatusFromBeforeRestart(): void {
    if (this.bus.snapshot('status:eventsub')) {
      const { reconnects: _reconnects, ...eventsub } = this.eventSub.status;
      this.bus.setState('status:eventsub', { type: 'status', data: { eventsub } });
    }
    if (this.bus.snapshot('status:poll')) {
      const { lastPollAt, ok, error, nextPollAt } = this.poller.status;
      const poll = { lastPollAt, ok, nextPollAt, ...(error ? { error } : {}) };
      this.bus.setState('status:poll', { type: 'status', data: { poll } });
    }
  }

  onModuleDestroy(): void {
    this.subscriptions.forEach((subscription) => subscription.unsubscribe());
  }

  /** Sign-in state: ok, signed-out or unauthorized (with what to do); a retry in progress is not news. */
  private publishAuth(state: TwitchSessionState): void {
    // A follower instance's standby is not news either: clients see the leader's sign-in.
    if (state.state === 'connecting' || state.state === 'unreachable' || state.state === 'standby')
      return;
    const message: StatusMessage = {
      type: 'status',
      data: {
        auth: {
          state: state.state,
          ...('detail' in state ? { detail: state.detail } : {}),
        },
      },
    };
    this.bus.setState('status:auth', message);
  }
}
