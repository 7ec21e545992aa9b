/**
 * What the leader wrote to the shared log and has not read back yet: when each message was
 * appended (the start of its Redis hop) and when the Twitch frame behind it arrived. The writer
 * notes them before a write; the reader takes them when the entry comes back, and only the
 * instance that wrote a message knows both ends of its hop on one clock.
 */
export class RedisWriteTiming {
  /** When the Twitch frame behind a written message arrived, until this instance delivers it. */
  private readonly receivedAtById = new Map<number, number>();
  /** When each message sent to Redis was appended, until it is read back (the Redis hop). */
  private readonly appendedAtById = new Map<number, number>();

  /** Notes a message about to be written. */
  sent(id: number, appendedAt: number, receivedAt: number | undefined): void {
    this.appendedAtById.set(id, appendedAt);
    if (receivedAt !== undefined) this.receivedAtById.set(id, receivedAt);
  }

  /** Forgets a message whose write Redis refused: its id is (or will be) another leader's entry. */
  refused(id: number): void {
    this.appendedAtById.delete(id);
    this.receivedAtById.delete(id);
  }

  /** Takes what was noted of the message read back as `id` (nothing when another instance wrote it). */
  readBack(id: number): { appendedAt?: number; receivedAt?: number } {
    const receivedAt = this.receivedAtById.get(id);
    this.receivedAtById.delete(id);
    const appendedAt = this.appendedAtById.get(id);
    this.appendedAtById.delete(id);
    return { appendedAt, receivedAt };
  }

  /** Stops timing hops (the log is closing). */
  stopTiming(): void {
    this.appendedAtById.clear();
  }

  /** Forgets everything (this instance stopped leading: what it held back is dropped). */
  clear(): void {
    this.appendedAtById.clear();
    this.receivedAtById.clear();
  }
}
