import type { LabelsData, LabelViewer, SubTier } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { bitsSpent } from '../eventsub/bits-spent.js';
import { countedByItsGift } from '../eventsub/gifted-subs.js';

/** An event as the tally reads it: Twitch's event object, recovered or delivered live. */
export interface TalliedEvent {
  readonly type: TwitchEventType;
  readonly data: Record<string, unknown>;
  readonly recovered?: boolean;
  /** The id it was published with: where a new session starts counting after. */
  readonly publishedId: number;
}

/** Labels before any event: no one yet, nothing counted. */
export function emptyLabels(sessionSinceId = 0): LabelsData {
  return {
    sessionStartedAt: null,
    sessionSinceId,
    latestFollower: null,
    latestSub: null,
    latestGift: null,
    latestCheer: null,
    latestRaid: null,
    topCheerer: null,
    topGifter: null,
    session: { follows: 0, subs: 0, giftedSubs: 0, bits: 0, raids: 0 },
  };
}

/**
 * The labels folded from the events: the latest follower, sub, gift, cheer and raid, and this
 * stream's counts and top supporters. A `stream.online` starts a new session. Each viewer's bits
 * and gifted subs of the session are kept here (not in the published labels, which name only the
 * top one), so the top changes hands when someone passes them.
 */
export class LabelsTally {
  private data: LabelsData;
  private readonly bitsBy = new Map<string, number>();
  private readonly giftsBy = new Map<string, number>();

  /** `subscribedTypes`: the EventSub types subscribed to (for how gifted subs are counted). */
  constructor(
    private readonly subscribedTypes: readonly TwitchEventType[],
    start: LabelsData = emptyLabels(),
  ) {
    this.data = structuredClone(start);
  }

  /** The labels now (a copy). */
  get labels(): LabelsData {
    return structuredClone(this.data);
  }

  /** Takes in one event; returns whether the labels changed. */
  apply(event: TalliedEvent): boolean {
    const { data } = event;
    const next = structuredClone(this.data);
    const session = next.session;
    switch (event.type) {
      case 'stream.online':
        // A new stream: a new session. The latest viewers stay; the counts and tops start over.
        Object.assign(next, this.newSession(event.publishedId - 1, dateText(data.started_at)));
        break;
      case 'channel.follow':
        next.latestFollower = viewer(data);
        session.follows++;
        break;
      case 'channel.subscribe':
        if (countedByItsGift(event, this.subscribedTypes)) return false;
        session.subs++;
        if (data.is_gift === true) session.giftedSubs++;
        else next.latestSub = { ...viewer(data), tier: tier(data.tier) };
        break;
      case 'channel.subscription.message':
        // A resub is a sub of this stream's too: Twitch sends no `channel.subscribe` for it.
        session.subs++;
        next.latestSub = { ...viewer(data), tier: tier(data.tier) };
        break;
      case 'channel.subscription.gift': {
        const subs = wholeAtLeast(data.total, 1);
        const gifter = viewer(data);
        next.latestGift = { ...gifter, subs, tier: tier(data.tier) };
        session.subs += subs;
        session.giftedSubs += subs;
        next.topGifter = this.addToTop(this.giftsBy, gifter, subs, next.topGifter, 'subs');
        break;
      }
      case 'channel.cheer':
      case 'channel.bits.use': {
        // Only one of the two is subscribed to (`bitsInOnePlace`): each cheer counts once.
        const bits = bitsSpent(event.type, data);
        const cheerer = viewer(data);
        next.latestCheer = { ...cheerer, bits };
        session.bits += bits;
        next.topCheerer = this.addToTop(this.bitsBy, cheerer, bits, next.topCheerer, 'bits');
        break;
      }
      case 'channel.raid':
        next.latestRaid = {
          name: text(data.from_broadcaster_user_name) || text(data.from_broadcaster_user_login),
          login: text(data.from_broadcaster_user_login) || null,
          viewers: wholeAtLeast(data.viewers, 0),
        };
        session.raids++;
        break;
      default:
        return false;
    }
    this.data = next;
    return true;
  }

  /**
   * Starts a new session by hand (the dashboard's reset): the counts and tops start over, counting
   * the events published after `sinceId`.
   */
  resetSession(sinceId: number): void {
    this.data = { ...structuredClone(this.data), ...this.newSession(sinceId, null) };
  }

  /**
   * Counts a session's earlier cheer or gift towards each viewer's total without changing the
   * labels: after a restart, the totals behind the top cheerer and gifter are rebuilt from the
   * event log, where the labels themselves were kept as they were.
   */
  recount(event: TalliedEvent): void {
    const { data } = event;
    const who = viewer(data);
    const bits = bitsSpent(event.type, data);
    if (bits > 0) addTo(this.bitsBy, who, bits);
    if (event.type === 'channel.subscription.gift') {
      addTo(this.giftsBy, who, wholeAtLeast(data.total, 1));
    }
  }

  /** The fields of a session that starts now, counting the events after `sinceId`. */
  private newSession(
    sinceId: number,
    startedAt: string | null,
  ): Pick<
    LabelsData,
    'sessionStartedAt' | 'sessionSinceId' | 'topCheerer' | 'topGifter' | 'session'
  > {
    this.bitsBy.clear();
    this.giftsBy.clear();
    const { session, topCheerer, topGifter } = emptyLabels();
    return {
      sessionStartedAt: startedAt,
      sessionSinceId: Math.max(0, sinceId),
      topCheerer,
      topGifter,
      session,
    };
  }

  /** Adds to a viewer's total; returns the top after it (a tie keeps the one already on top). */
  private addToTop<K extends 'bits' | 'subs'>(
    totals: Map<string, number>,
    who: LabelViewer,
    amount: number,
    top: (LabelViewer & Record<K, number>) | null,
    unit: K,
  ): (LabelViewer & Record<K, number>) | null {
    const total = addTo(totals, who, amount);
    if (total === null) return top; // anonymous: not a supporter anyone can be named as
    const sameViewer = top !== null && top.login === who.login;
    if (sameViewer || top === null || total > top[unit]) {
      return { ...who, [unit]: total } as LabelViewer & Record<K, number>;
    }
    return top;
  }
}

/** Adds `amount` to a named viewer's total; null (nothing added) for an anonymous one. */
function addTo(totals: Map<string, number>, who: LabelViewer, amount: number): number | null {
  if (who.login === null) return null;
  const total = (totals.get(who.login) ?? 0) + amount;
  totals.set(who.login, total);
  return total;
}

/** The viewer an event is from; "Anonymous" (no login) for an anonymous gift or cheer. */
function viewer(data: Record<string, unknown>): LabelViewer {
  const login = text(data.user_login);
  if (data.is_anonymous === true || login === '') {
    return {
      name: data.is_anonymous === true ? 'Anonymous' : text(data.user_name) || 'Someone',
      login: null,
    };
  }
  return { name: text(data.user_name) || login, login };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function tier(value: unknown): SubTier {
  return value === '2000' || value === '3000' ? value : '1000';
}

/** A whole number of at least `min` from an event field, or `min` when it is not a number. */
function wholeAtLeast(value: unknown, min: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.max(min, Math.floor(value))
    : min;
}

function dateText(value: unknown): string | null {
  return typeof value === 'string' && !Number.isNaN(Date.parse(value))
    ? new Date(value).toISOString()
    : null;
}
