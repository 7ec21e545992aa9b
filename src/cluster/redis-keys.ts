/**
 * Every key and channel the instances share in Redis, under one prefix so a Redis server can be
 * shared with other applications (use its own database number for a cleaner split).
 */
export class RedisKeys {
  constructor(private readonly prefix = 'twitch-realtime') {}

  /** The event log: a Redis Stream whose entry ids are the SSE ids (`<id>-0`). */
  get log(): string {
    return `${this.prefix}:log`;
  }
  /**
   * Chat (`isChatHistory`): a stream of its own, trimmed under chat's own retention, so a busy chat
   * never trims another event out of `log`. Its entry ids are SSE ids too, one sequence with
   * `log`'s: a reader merges the two by id.
   */
  get chatLog(): string {
    return `${this.prefix}:chat`;
  }
  /** The latest state message per key (stats, each status, pause): a hash of `<id> <json>`. */
  get states(): string {
    return `${this.prefix}:states`;
  }
  /** The leader lease: `<instance>:<epoch>`, with a time to live. */
  get leader(): string {
    return `${this.prefix}:leader`;
  }
  /** The standby lease: the id of the follower that holds its own EventSub session, with a time to live. */
  get standby(): string {
    return `${this.prefix}:standby`;
  }
  /** The standby's notifications on their way to the leader (a Redis Stream). */
  get standbyInbox(): string {
    return `${this.prefix}:standby:inbox`;
  }
  /** The fencing counter: every new lease gets a higher epoch. */
  get epoch(): string {
    return `${this.prefix}:epoch`;
  }
  /** Each instance's heartbeat (a hash of JSON by instance id). */
  get instances(): string {
    return `${this.prefix}:instances`;
  }
  /** The broadcaster's Twitch tokens (JSON). */
  get tokens(): string {
    return `${this.prefix}:tokens`;
  }
  /** Held by the one instance refreshing the tokens. */
  get tokensLock(): string {
    return `${this.prefix}:tokens:lock`;
  }
  /** What the gap recovery knows (JSON): where the last leader stopped receiving. */
  get recovery(): string {
    return `${this.prefix}:recovery`;
  }
  /**
   * The streams (where each began and ended, its viewers' tally): a hash of JSON by stream id,
   * written by the leader, read by every instance. Apart from the log, so its trimming never
   * shortens the list.
   */
  get streams(): string {
    return `${this.prefix}:streams`;
  }
  /** One stream's viewer series: a list of `<ms since the epoch> <viewers>`, a poll each. */
  streamViewers(streamId: number): string {
    return `${this.prefix}:streams:viewers:${streamId}`;
  }
  /** Requests to the leader from any instance (the dashboard's actions on a follower). */
  get leaderRequests(): string {
    return `${this.prefix}:leader:requests`;
  }
  /** Where the leader answers one instance's requests. */
  leaderAnswers(instanceId: string): string {
    return `${this.prefix}:leader:answers:${instanceId}`;
  }
}
