import {
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { BehaviorSubject, Subject, type Subscription } from 'rxjs';
import type { ClusterStatus } from '../contract/sse-contract.js';
import type { Cluster } from './cluster.js';
import { LEASE_TICK_MS, LEASE_TTL_MS, LeaderLease } from './leader-lease.js';
import { Leadership, type InstanceRole } from '../leadership/leadership.js';
import { StandbyLease } from './standby-lease.js';

/** How often the leader drops entries past EVENT_LOG_MAX_AGE_DAYS from the shared log. */
const PRUNE_EVERY_MS = 3_600_000;
/** How long a follower sees the lease free before it takes it. */
const FREE_FOR_MS = 1_500;
/** How long a clean shutdown waits for the leader's last messages to reach Redis. */
const FLUSH_ON_SHUTDOWN_MS = 3_000;

/**
 * Leader election among instances on Redis: every second the leader renews its lease and the
 * others look for a free one. The instance that takes the lease reads the whole shared log first,
 * takes the gap recovery's state, and only then leads (its Twitch session connects, and the gap
 * since the last leader stopped receiving is recovered). One whose lease another took — found at
 * a renewal, or by Redis refusing its writes — stands down at once.
 *
 * With STANDBY (the default), one follower also holds a standby lease: it keeps its own EventSub
 * session beside the leader's, so a leader's death loses nothing live. A free leader lease goes to
 * the standby; another follower takes it only when there is no standby (nobody renews that lease),
 * and the first follower to see the standby lease free after the standby led becomes the new one.
 */
export class RedisLeadership
  extends Leadership
  implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown
{
  private readonly logger = new Logger('Leadership');
  private readonly subject = new BehaviorSubject<InstanceRole>('follower');
  private readonly lease: LeaderLease;
  private readonly standbyLease: StandbyLease;
  /** The standby as the leader last read it (null: none), for the cluster status. */
  private knownStandby: string | null = null;
  private leaseValue: string | null = null;
  private lastRenewedAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;
  private stopped = false;
  private warnedUnrenewed = false;
  private lastPrunedAt = 0;
  private fenced: Subscription | undefined;
  /** Since when the lease has been seen free (a follower waits a moment before taking it). */
  private freeSince: number | null = null;

  readonly role$ = this.subject.asObservable();
  private readonly statusSubject = new Subject<ClusterStatus>();
  readonly status$ = this.statusSubject.asObservable();
  private leaderSince = '';
  /** The last time Redis was away while this instance led, once it was back. */
  private redisOutage: ClusterStatus['redisOutage'];
  /** Since when renewals have failed (Redis away), while leading. */
  private unrenewedSince: number | null = null;
  readonly instanceId: string;

  constructor(
    private readonly cluster: Cluster,
    private readonly maxAgeMs: number,
    /** Whether this instance may be the standby (STANDBY). */
    private readonly standbyEnabled = true,
  ) {
    super();
    this.instanceId = cluster.instanceId;
    const { command } = cluster.redis;
    this.lease = new LeaderLease(command, cluster.keys, cluster.instanceId);
    this.standbyLease = new StandbyLease(command, cluster.keys, cluster.instanceId, LEASE_TTL_MS);
  }

  get role(): InstanceRole {
    return this.subject.value;
  }

  onApplicationBootstrap(): void {
    this.fenced = this.cluster.log.fenced$.subscribe(
      () => void this.standDown('Redis refused its writes: another instance holds the lease'),
    );
    this.timer = setInterval(() => void this.tick(), LEASE_TICK_MS);
    void this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.fenced?.unsubscribe();
    const lease = this.leaseValue;
    if (this.role === 'standby') {
      // Twitch first; then the lease, so another follower becomes the standby at once.
      this.subject.next('follower');
      await this.standbyLease.release().catch(() => undefined);
    }
    if (!lease) return;
    // Twitch first, so nothing new arrives; then the last messages out; then the lease, so another
    // instance takes over at once instead of after it expires.
    this.subject.next('follower');
    await this.cluster.standbyRelay.stopReading();
    await this.cluster.log.flushed(FLUSH_ON_SHUTDOWN_MS);
    await this.cluster.streams.written(FLUSH_ON_SHUTDOWN_MS);
    this.cluster.streams.stepDown();
    await this.cluster.log.stepDown();
    this.leaseValue = null;
    await this.lease.release(lease).catch(() => undefined);
    this.logger.log('Handed the lead over (this instance is stopping).');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.cluster.close();
  }

  private async tick(): Promise<void> {
    if (this.ticking || this.stopped) return;
    this.ticking = true;
    try {
      if (this.leaseValue) await this.renew(this.leaseValue);
      else await this.follow();
    } catch (error) {
      this.unrenewed(error as Error);
    } finally {
      this.ticking = false;
    }
  }

  /**
   * A follower's tick: it takes a free leader lease when its turn has come; it stands by for a
   * leader there is (a standby goes on holding its lease while the leader's is free, so that it
   * is the one to take over).
   */
  private async follow(): Promise<void> {
    const leaderThere = (await this.lease.holder()) !== null;
    if (leaderThere) this.freeSince = null;
    else if (await this.tryToLead()) return;
    if (this.standbyEnabled && (leaderThere || this.role === 'standby')) await this.keepStandby();
  }

  /** Takes the free leader lease once it stayed free and this instance's turn has come. */
  private async tryToLead(): Promise<boolean> {
    // A lease gone because Redis restarted empty belongs to the leader that lost touch with it:
    // it takes it back on its first renewal; only a lease that stays free is taken.
    this.freeSince ??= Date.now();
    if (Date.now() - this.freeSince < FREE_FOR_MS) return false;
    // The standby is already receiving from Twitch: it goes first. Another follower takes over
    // only when there is no standby (none configured, or its lease lapsed: it died too).
    if (this.role !== 'standby' && (await this.standbyLease.holder()) !== null) return false;
    const lease = await this.lease.tryAcquire();
    if (!lease) return false;
    this.freeSince = null;
    await this.cluster.log.lead(lease);
    await this.cluster.recovery.pull();
    // The streams as the last leader kept them: a stream it had live stays the current one.
    await this.cluster.streams.lead(lease);
    // Before the standby lease is given up: the next standby's notifications come after this.
    await this.cluster.standbyRelay.read();
    if (this.stopped) {
      this.cluster.streams.stepDown();
      await this.cluster.standbyRelay.stopReading();
      await this.cluster.log.stepDown();
      await this.lease.release(lease);
      return true;
    }
    const wasStandby = this.role === 'standby';
    this.leaseValue = lease;
    this.lastRenewedAt = Date.now();
    this.logger.log(
      `This instance (${lease}) leads now: it holds the Twitch connection${wasStandby ? ' (it already did, as the standby)' : ''}.`,
    );
    this.subject.next('leader');
    this.leaderSince = new Date().toISOString();
    this.redisOutage = undefined;
    // Another follower may take the standby's place now.
    if (wasStandby) await this.standbyLease.release().catch(() => undefined);
    this.knownStandby = await this.standbyLease.holder().catch(() => null);
    this.statusSubject.next(this.clusterStatus());
    return true;
  }

  /** A follower takes the standby lease when it is free, and renews it while it holds it. */
  private async keepStandby(): Promise<void> {
    if (this.role === 'standby') {
      if (await this.standbyLease.renew()) return;
      this.subject.next('follower');
      this.logger.warn(
        'Another instance holds the standby lease now: this one lets go of its Twitch connection.',
      );
      return;
    }
    if (!(await this.standbyLease.tryAcquire())) return;
    this.logger.log(
      'This instance is the standby now: it holds its own EventSub session beside the leader’s, so that a failover loses nothing.',
    );
    this.subject.next('standby');
  }

  /** Who leads, since when, who stands by, and the last Redis outage this leader saw. */
  private clusterStatus(): ClusterStatus {
    return {
      leader: this.instanceId,
      leaderSince: this.leaderSince,
      standby: this.knownStandby,
      ...(this.redisOutage ? { redisOutage: this.redisOutage } : {}),
    };
  }

  /** The leader tells clients when the standby changes (one came, one went). */
  private async watchStandby(): Promise<void> {
    const standby = await this.standbyLease.holder();
    if (standby === this.knownStandby) return;
    this.knownStandby = standby;
    this.statusSubject.next(this.clusterStatus());
  }

  private async renew(lease: string): Promise<void> {
    const renewal = await this.lease.renew(lease);
    if (renewal === 'lost') {
      await this.standDown('another instance took the lease');
      return;
    }
    // A lease that vanished between two renewals means Redis lost its data: an outage too.
    if (renewal === 'retaken') this.unrenewedSince ??= this.lastRenewedAt;
    this.lastRenewedAt = Date.now();
    if (this.warnedUnrenewed)
      this.logger.log('Renewed the lease again: this instance still leads.');
    this.warnedUnrenewed = false;
    if (renewal === 'retaken') {
      this.logger.warn('The lease had lapsed (Redis was away) and nobody took it: took it back.');
      this.cluster.log.relead(lease);
      this.cluster.streams.relead(lease);
    }
    if (this.unrenewedSince !== null) {
      // Clients got nothing while Redis was away; now they are told why there was a pause.
      this.redisOutage = {
        start: new Date(this.unrenewedSince).toISOString(),
        end: new Date().toISOString(),
      };
      this.unrenewedSince = null;
      this.statusSubject.next(this.clusterStatus());
    }
    await this.watchStandby();
    if (Date.now() - this.lastPrunedAt > PRUNE_EVERY_MS) {
      this.lastPrunedAt = Date.now();
      await this.cluster.log.pruneOlderThan(this.maxAgeMs);
    }
  }

  /**
   * Redis did not answer. A leader keeps its Twitch connection and holds its messages back: it
   * cannot know whether the others can reach Redis; if one took the lease meanwhile, Redis refuses
   * the held-back writes and this one stands down then.
   */
  private unrenewed(error: Error): void {
    if (!this.leaseValue) return;
    this.unrenewedSince ??= Date.now();
    if (this.warnedUnrenewed) return;
    if (Date.now() - this.lastRenewedAt < LEASE_TTL_MS) return;
    this.warnedUnrenewed = true;
    this.logger.warn(
      `Could not renew the lease for ${Math.round((Date.now() - this.lastRenewedAt) / 1000)} s (${error.message}): keeping the Twitch connection and holding messages back until Redis answers.`,
    );
  }

  private async standDown(reason: string): Promise<void> {
    if (!this.leaseValue) return;
    this.leaseValue = null;
    this.unrenewedSince = null;
    // Twitch first (synchronously, through role$), so nothing more is appended.
    this.subject.next('follower');
    void this.cluster.standbyRelay.stopReading();
    this.cluster.streams.stepDown();
    const dropped = await this.cluster.log.stepDown();
    this.logger.warn(
      `This instance no longer leads (${reason}); it let go of its Twitch connection${dropped ? ` and dropped ${dropped} message(s) it held back (the new leader recovers what Twitch sent meanwhile)` : ''}.`,
    );
  }
}
