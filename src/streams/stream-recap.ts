import type { EventMessage } from '../contract/sse-contract.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { bitsSpent } from '../eventsub/bits-spent.js';
import { countedByItsGift } from '../eventsub/gifted-subs.js';
import type { StreamSpan } from './stream-span.js';
import type {
  StreamGifter,
  StreamHypeTrain,
  StreamRecap,
  StreamSummary,
  StreamTopSupporter,
  ViewerPoint,
} from './streams-api.js';

/** The recap's figures that count events, and the event types each counts. */
export const RECAP_FIGURE_TYPES = {
  followers: ['channel.follow'],
  subs: ['channel.subscribe', 'channel.subscription.message', 'channel.subscription.gift'],
  giftBombs: ['channel.subscription.gift'],
  bits: ['channel.cheer', 'channel.bits.use'],
  raids: ['channel.raid'],
  redemptions: ['channel.channel_points_custom_reward_redemption.add'],
  hypeTrains: ['channel.hype_train.begin', 'channel.hype_train.progress', 'channel.hype_train.end'],
  goalsReached: ['channel.goal.end'],
} as const satisfies Record<string, readonly TwitchEventType[]>;

/** A figure of the recap that counts events. */
export type RecapFigure = keyof typeof RECAP_FIGURE_TYPES;

/** What a recap knows besides the events: from the ledger, the log and the last gap. */
export interface RecapContext {
  readonly series: readonly ViewerPoint[];
  /** Now (milliseconds since the epoch), for a live stream's duration. */
  readonly now: number;
  /** The figures some of whose events were pruned. */
  readonly incomplete: readonly RecapFigure[];
  /** What the last gap recovery could not tell, if that gap fell in this stream. */
  readonly mayBeMissing: readonly string[];
}

/** A stream as the list shows it. */
export function summaryOf(span: StreamSpan): StreamSummary {
  const { polls, peak, sum, last } = span.viewers;
  return {
    id: span.id,
    live: span.endedAt === null,
    startedAt: span.startedAt,
    startSource: span.startSource,
    endedAt: span.endedAt,
    endSource: span.endSource,
    viewers: {
      polls,
      peak: polls > 0 ? peak : null,
      average: polls > 0 ? Math.round(sum / polls) : null,
      last: polls > 0 ? last : null,
    },
  };
}

/**
 * Adds up one stream's events into its recap, one event at a time (the caller reads the log a
 * page at a time, so a long stream is never all in memory). Test alerts and the dashboard's
 * replays are not the stream's; Bits are counted from the one Bits type subscribed to, as
 * everything that counts Bits does (`bitsSpent`), and a gifted sub its gift counted is not counted
 * again (`countedByItsGift`).
 */
export class StreamRecapTally {
  private events = 0;
  private followers = 0;
  private readonly subs = { new: 0, resub: 0, gifted: 0, byTier: {} as Record<string, number> };
  private readonly gifters = new Map<string, StreamGifter>();
  private giftEvents = 0;
  private giftedSubs = 0;
  private readonly bits = { total: 0, cheers: 0, powerUps: 0, combos: 0 };
  private readonly raids: StreamRecap['raids'] = [];
  private readonly redemptions = new Map<string, number>();
  private readonly hypeTrains = new Map<string, StreamHypeTrain>();
  private readonly goals: StreamRecap['goalsReached'] = [];
  private readonly cheerers = new Map<string, StreamTopSupporter>();
  private readonly recovered: Record<string, number> = {};
  private readonly gaps = new Map<string, { start: string; end: string }>();
  private readonly splitsBits: boolean;

  /** `subscribedTypes`: the EventSub types the service subscribes to (`AppConfig.eventSubEvents`). */
  constructor(private readonly subscribedTypes: readonly TwitchEventType[]) {
    this.splitsBits = subscribedTypes.includes('channel.bits.use');
  }

  /** Takes one event of the stream (any type; those no figure counts only count as events). */
  add(message: EventMessage): void {
    if (message.test || message.replayOf !== undefined) return;
    this.events++;
    if (message.recovered) {
      this.recovered[message.event] = (this.recovered[message.event] ?? 0) + 1;
      if (message.gap) this.gaps.set(`${message.gap.start}/${message.gap.end}`, message.gap);
    }
    const { data } = message;
    switch (message.event) {
      case 'channel.follow':
        this.followers++;
        break;
      case 'channel.subscribe': {
        const event = { type: message.event, data, recovered: message.recovered };
        if (countedByItsGift(event, this.subscribedTypes)) break;
        if (data.is_gift === true) this.subs.gifted++;
        else this.subs.new++;
        this.addTier(data.tier, 1);
        break;
      }
      case 'channel.subscription.message':
        this.subs.resub++;
        this.addTier(data.tier, 1);
        break;
      case 'channel.subscription.gift':
        this.addGift(data);
        break;
      case 'channel.cheer':
      case 'channel.bits.use':
        this.addBits(message.event, data);
        break;
      case 'channel.raid':
        this.raids.push({
          from: text(data.from_broadcaster_user_name),
          login: text(data.from_broadcaster_user_login),
          viewers: whole(data.viewers),
          at: time(message.sentAt),
        });
        break;
      case 'channel.channel_points_custom_reward_redemption.add': {
        const reward = (data.reward as { title?: unknown } | undefined)?.title;
        const title = text(reward);
        this.redemptions.set(title, (this.redemptions.get(title) ?? 0) + 1);
        break;
      }
      case 'channel.hype_train.begin':
      case 'channel.hype_train.progress':
      case 'channel.hype_train.end': {
        const id = text(data.id);
        const known = this.hypeTrains.get(id);
        const level = Math.max(known?.level ?? 0, whole(data.level));
        const ended = (known?.ended ?? false) || message.event === 'channel.hype_train.end';
        const startedAt = known?.startedAt ?? time(data.started_at) ?? time(message.sentAt);
        this.hypeTrains.set(id, { id, level, ended, startedAt });
        break;
      }
      case 'channel.goal.end':
        if (data.is_achieved === true) {
          this.goals.push({
            type: text(data.type),
            description: text(data.description),
            target: whole(data.target_amount),
          });
        }
        break;
      default:
        break;
    }
  }

  /** The recap of `span` from the events taken. */
  recap(span: StreamSpan, context: RecapContext): StreamRecap {
    const end = span.endedAt === null ? context.now : Date.parse(span.endedAt);
    const gifters = [...this.gifters.values()].sort((a, b) => b.subs - a.subs);
    const topGifter = gifters.find((gifter) => gifter.name !== null);
    return {
      ...summaryOf(span),
      durationSeconds: Math.max(0, Math.round((end - Date.parse(span.startedAt)) / 1000)),
      viewerSeries: [...context.series],
      events: this.events,
      followers: this.followers,
      subs: { ...this.subs, byTier: { ...this.subs.byTier } },
      giftBombs: { count: this.giftEvents, subs: this.giftedSubs, gifters },
      bits: {
        total: this.bits.total,
        cheers: this.bits.cheers,
        powerUps: this.splitsBits ? this.bits.powerUps : null,
        combos: this.splitsBits ? this.bits.combos : null,
      },
      raids: [...this.raids],
      redemptions: [...this.redemptions]
        .map(([reward, count]) => ({ reward, count }))
        .sort((a, b) => b.count - a.count || a.reward.localeCompare(b.reward)),
      hypeTrains: [...this.hypeTrains.values()],
      goalsReached: [...this.goals],
      topCheerer: largest(this.cheerers.values()),
      topGifter: topGifter
        ? { name: topGifter.name!, login: topGifter.login ?? '', amount: topGifter.subs }
        : null,
      recovery: {
        recovered: { ...this.recovered },
        gaps: [...this.gaps.values()],
        mayBeMissing: [...context.mayBeMissing],
      },
      incomplete: [...context.incomplete],
    };
  }

  private addTier(tier: unknown, count: number): void {
    const key = typeof tier === 'string' && tier !== '' ? tier : 'unknown';
    this.subs.byTier[key] = (this.subs.byTier[key] ?? 0) + count;
  }

  private addGift(data: Record<string, unknown>): void {
    const total = Math.max(1, whole(data.total));
    this.giftEvents++;
    this.giftedSubs += total;
    this.subs.gifted += total;
    this.addTier(data.tier, total);
    const anonymous = data.is_anonymous === true || typeof data.user_name !== 'string';
    const name = anonymous ? null : text(data.user_name);
    const login = anonymous ? null : text(data.user_login);
    const key = login ?? '';
    const gifter = this.gifters.get(key) ?? { name, login, gifts: 0, subs: 0 };
    gifter.gifts++;
    gifter.subs += total;
    this.gifters.set(key, gifter);
  }

  private addBits(type: 'channel.cheer' | 'channel.bits.use', data: Record<string, unknown>): void {
    // Twitch sends a cheer as both types; only the one subscribed to counts (bitsInOnePlace).
    if (type === 'channel.cheer' && this.splitsBits) return;
    const bits = bitsSpent(type, data);
    if (bits === 0) return;
    this.bits.total += bits;
    const kind = type === 'channel.cheer' ? 'cheer' : data.type;
    if (kind === 'power_up') this.bits.powerUps += bits;
    else if (kind === 'combo') this.bits.combos += bits;
    else this.bits.cheers += bits;
    const cheered = kind !== 'power_up' && kind !== 'combo';
    if (!cheered || data.is_anonymous === true || typeof data.user_login !== 'string') return;
    const login = data.user_login;
    const cheerer = this.cheerers.get(login) ?? { name: text(data.user_name), login, amount: 0 };
    cheerer.amount += bits;
    this.cheerers.set(login, cheerer);
  }
}

function largest(supporters: Iterable<StreamTopSupporter>): StreamTopSupporter | null {
  let top: StreamTopSupporter | null = null;
  for (const supporter of supporters) if (!top || supporter.amount > top.amount) top = supporter;
  return top ? { ...top } : null;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** An ISO time as it was written, or null when `value` is not one. */
function time(value: unknown): string | null {
  return typeof value === 'string' && !isNaN(Date.parse(value)) ? value : null;
}

function whole(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(0, Math.floor(value)) : 0;
}
