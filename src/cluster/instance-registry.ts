import {
  Injectable,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { distinctUntilChanged, map, merge, skip, type Subscription } from 'rxjs';
import type { EventSubState } from '../contract/sse-contract.js';
import { EventSubConnection } from '../eventsub/eventsub-connection.js';
import { SseClientStreams } from '../stream/sse-client-streams.js';
import { Cluster } from './cluster.js';
import { Leadership, type InstanceRole } from '../leadership/leadership.js';

/** How often each instance writes its heartbeat (and reads the others'). */
const HEARTBEAT_MS = 2_000;
/** An instance not heard from for this long is gone: it is taken off the list. */
const GONE_AFTER_MS = 30_000;

/** One instance as the others see it. */
export interface InstanceView {
  readonly id: string;
  readonly role: InstanceRole;
  /**
   * Its EventSub session's state while it holds one (the leader, the standby); null when it holds
   * none. Absent from an instance that predates the standby.
   */
  readonly eventsub?: EventSubState | null;
  /** Its SSE clients. */
  readonly clients: number;
  /** When it last wrote its heartbeat (ISO 8601). */
  readonly heartbeatAt: string;
  readonly startedAt: string;
}

/**
 * Every instance's heartbeat in Redis (id, role, EventSub state, clients), for the dashboard's
 * Connections panel and `/api/health`. Without REDIS_URL there is one instance, this one.
 */
@Injectable()
export class InstanceRegistry implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly startedAt = new Date().toISOString();
  private timer: NodeJS.Timeout | undefined;
  private roleChanges: Subscription | undefined;
  private known: InstanceView[] = [];

  constructor(
    private readonly leadership: Leadership,
    private readonly streams: SseClientStreams,
    private readonly eventSub: EventSubConnection,
    @Optional() private readonly cluster?: Cluster,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.cluster) return;
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS);
    this.timer.unref();
    void this.beat();
    // A new role is written at once: otherwise the others would show this instance's old role
    // for up to a heartbeat, and a dashboard could list no leader (or two) after a handover. So is
    // a new EventSub state: the dashboard shows whether the standby's session is connected.
    this.roleChanges = merge(
      this.leadership.role$.pipe(skip(1)),
      this.eventSub.status$.pipe(
        map((status) => status.state),
        distinctUntilChanged(),
      ),
    ).subscribe(() => void this.beat());
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.roleChanges?.unsubscribe();
  }

  /** Every instance known, this one first. */
  instances(): InstanceView[] {
    const own = this.ownView();
    return [own, ...this.known.filter((instance) => instance.id !== own.id)];
  }

  private ownView(): InstanceView {
    return {
      id: this.leadership.instanceId,
      role: this.leadership.role,
      eventsub: this.leadership.role === 'follower' ? null : this.eventSub.status.state,
      clients: this.streams.clientCount,
      heartbeatAt: new Date().toISOString(),
      startedAt: this.startedAt,
    };
  }

  private async beat(): Promise<void> {
    const cluster = this.cluster!;
    const { command } = cluster.redis;
    try {
      await command.hset(
        cluster.keys.instances,
        this.leadership.instanceId,
        JSON.stringify(this.ownView()),
      );
      const all = await command.hgetall(cluster.keys.instances);
      const now = Date.now();
      const views: InstanceView[] = [];
      for (const [id, text] of Object.entries(all)) {
        try {
          const view = JSON.parse(text) as InstanceView;
          if (now - Date.parse(view.heartbeatAt) > GONE_AFTER_MS)
            await command.hdel(cluster.keys.instances, id);
          else views.push(view);
        } catch {
          await command.hdel(cluster.keys.instances, id);
        }
      }
      this.known = views.sort((a, b) => a.id.localeCompare(b.id));
    } catch {
      // Redis away: the list shows what was last known, this instance's own line stays current.
    }
  }
}
