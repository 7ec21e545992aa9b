import type { SimulatedUser } from './user-directory.js';

/** A message sent in the simulated chat, as far as deletes and replies need it. */
export interface SentChatMessage {
  readonly id: string;
  readonly chatter: SimulatedUser;
  readonly text: string;
  /** The first message of the thread it belongs to (its own id when it starts one). */
  readonly threadId: string;
  readonly threadChatter: SimulatedUser;
}

/** How many messages a channel's chat remembers: enough for any test or a demo's screen. */
const REMEMBERED = 1000;

/**
 * A channel's recent chat: the messages a moderator can still delete and a viewer can reply to.
 * A delete, a timeout or a clear forgets what it removed, as Twitch's chat does.
 */
export class ChatRoom {
  private readonly messages = new Map<string, SentChatMessage>();

  /** Remembers a message just sent; the oldest is forgotten past `REMEMBERED`. */
  add(message: SentChatMessage): void {
    this.messages.set(message.id, message);
    if (this.messages.size > REMEMBERED) {
      const oldest = this.messages.keys().next().value;
      if (oldest !== undefined) this.messages.delete(oldest);
    }
  }

  /** The message with this id, if the chat still has it. */
  find(id: string): SentChatMessage | undefined {
    return this.messages.get(id);
  }

  /** The newest message, if any. */
  last(): SentChatMessage | undefined {
    let last: SentChatMessage | undefined;
    for (const message of this.messages.values()) last = message;
    return last;
  }

  /** Forgets one message; false when the chat does not have it. */
  remove(id: string): boolean {
    return this.messages.delete(id);
  }

  /** Forgets every message of one chatter (a timeout or a ban); returns how many. */
  removeChatter(userId: string): number {
    let removed = 0;
    for (const [id, message] of this.messages) {
      if (message.chatter.id === userId) {
        this.messages.delete(id);
        removed++;
      }
    }
    return removed;
  }

  /** Forgets every message (`/clear`). */
  clear(): void {
    this.messages.clear();
  }
}
