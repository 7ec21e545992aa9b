import { userFields, type EventObject } from './event-payloads.js';
import { randomId } from './random-ids.js';
import { eventSubTime } from './twitch-time.js';
import { SimulatorInputError, type SimulatedUser } from './user-directory.js';

/** How a poll ended, as Twitch says it. */
export const POLL_END_STATUSES = ['completed', 'terminated', 'archived'] as const;
export type PollEndStatus = (typeof POLL_END_STATUSES)[number];

interface PollChoice {
  readonly id: string;
  readonly title: string;
  votes: number;
}

/** A poll running on the channel: its choices and their votes. */
export class ChannelPoll {
  private readonly choices: PollChoice[];

  constructor(
    readonly id: string,
    readonly title: string,
    choiceTitles: readonly string[],
    readonly startedAt: Date,
    readonly endsAt: Date,
  ) {
    if (choiceTitles.length < 2 || choiceTitles.length > 5) {
      throw new SimulatorInputError(
        `a poll has 2 to 5 choices, not ${choiceTitles.length} (e.g. choices "Yes,No")`,
      );
    }
    this.choices = choiceTitles.map((title) => ({ id: randomId(), title, votes: 0 }));
  }

  /** Adds `votes` to a choice, named by its number (1, 2, …) or its title; the first by default. */
  vote(choice: string | undefined, votes: number): void {
    pick(this.choices, choice, 'choice').votes += votes;
  }

  private common(broadcaster: SimulatedUser): EventObject {
    return {
      id: this.id,
      ...userFields('broadcaster_', broadcaster),
      title: this.title,
    };
  }

  /** Twitch no longer takes bits in polls; channel points voting is off in the simulator. */
  private static votingSettings(): EventObject {
    return {
      bits_voting: { is_enabled: false, amount_per_vote: 0 },
      channel_points_voting: { is_enabled: false, amount_per_vote: 0 },
    };
  }

  private choicesWithVotes(): EventObject[] {
    return this.choices.map((c) => ({
      id: c.id,
      title: c.title,
      bits_votes: 0,
      channel_points_votes: 0,
      votes: c.votes,
    }));
  }

  /** `channel.poll.begin` v1: the choices without votes. */
  beginEvent(broadcaster: SimulatedUser): EventObject {
    return {
      ...this.common(broadcaster),
      choices: this.choices.map((c) => ({ id: c.id, title: c.title })),
      ...ChannelPoll.votingSettings(),
      started_at: eventSubTime(this.startedAt),
      ends_at: eventSubTime(this.endsAt),
    };
  }

  /** `channel.poll.progress` v1. */
  progressEvent(broadcaster: SimulatedUser): EventObject {
    return {
      ...this.common(broadcaster),
      choices: this.choicesWithVotes(),
      ...ChannelPoll.votingSettings(),
      started_at: eventSubTime(this.startedAt),
      ends_at: eventSubTime(this.endsAt),
    };
  }

  /** `channel.poll.end` v1. */
  endEvent(broadcaster: SimulatedUser, status: PollEndStatus, endedAt: Date): EventObject {
    return {
      ...this.common(broadcaster),
      choices: this.choicesWithVotes(),
      ...ChannelPoll.votingSettings(),
      status,
      started_at: eventSubTime(this.startedAt),
      ended_at: eventSubTime(endedAt),
    };
  }
}

/**
 * The item named by its number (1, 2, …) or its title (case-insensitive); the first when `name` is
 * undefined. Shared by poll choices and prediction outcomes.
 */
export function pick<T extends { title: string }>(
  items: readonly T[],
  name: string | undefined,
  what: string,
): T {
  if (name === undefined || name.trim() === '') return items[0] as T;
  const key = name.trim();
  const byNumber = /^\d+$/.test(key) ? items[Number(key) - 1] : undefined;
  const found = byNumber ?? items.find((item) => item.title.toLowerCase() === key.toLowerCase());
  if (!found) {
    throw new SimulatorInputError(
      `no ${what} "${key}": give its number (1 to ${items.length}) or one of ${items.map((i) => `"${i.title}"`).join(', ')}`,
    );
  }
  return found;
}
