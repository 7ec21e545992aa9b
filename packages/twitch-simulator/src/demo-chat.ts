import { CHAT_LINES, RAIDERS, VIEWER_NAMES } from './demo-material.js';
import type { DemoStage } from './demo-stage.js';
import type { SimulatedTrigger, TriggerResult } from './simulator-types.js';

/** How many recent messages the demo remembers to reply to or delete. */
const RECENT = 20;

/** Announcements the broadcaster makes now and then. */
const ANNOUNCEMENTS = ['Hydrate, chat!', 'New overlay test in 5 minutes demostHype', 'GG all'];

/**
 * The demo's chat: a few messages a second from the regulars, with emotes, mentions and replies,
 * now and then a message from a channel sharing the chat; a moderator deleting a message or
 * timing someone out; announcements and watch streaks; and the chat's notice for each sub, resub,
 * gift and raid the demo plays (Twitch sends both, the event and its notice in chat).
 */
export class DemoChat {
  private readonly recent: string[] = [];

  constructor(private readonly stage: DemoStage) {}

  /** One chat message: now and then a reply, now and then from a channel sharing the chat. */
  say(): void {
    const { stage } = this;
    const user = stage.pick(VIEWER_NAMES);
    const roll = stage.between(1, 20);
    const replyTo = roll <= 2 && this.recent.length > 0 ? stage.pick(this.recent) : undefined;
    const source = roll === 3 ? stage.pick(RAIDERS) : undefined;
    let line = stage.pick(CHAT_LINES);
    if (line.includes('{viewer}')) {
      line = line.replace('{viewer}', stage.pick(VIEWER_NAMES.filter((name) => name !== user)));
    }
    this.remember(
      stage.trigger('chat', 'channel.chat.message', { user, message: line, replyTo, source }),
    );
  }

  /** A cheer's message in chat, as Twitch shows it (with its cheermotes). */
  cheered(user: string, message: string): void {
    this.remember(this.stage.trigger('chat', 'channel.chat.message', { user, message }));
  }

  /** A moderator deletes a recent message, or (one time in four) times its chatter out. */
  moderate(): void {
    const { stage } = this;
    const id = this.recent.pop();
    if (id === undefined) return;
    if (stage.between(1, 4) === 1) {
      const result = stage.trigger('chatModeration', 'channel.chat.message_delete', {
        messageId: id,
      });
      const target = result?.events[0]?.event.target_user_login;
      if (typeof target === 'string') {
        stage.trigger('chatModeration', 'channel.chat.clear_user_messages', { user: target });
      }
      return;
    }
    stage.trigger('chatModeration', 'channel.chat.message_delete', { messageId: id });
  }

  /** An announcement by the broadcaster, or a viewer's watch streak. */
  notice(): void {
    const { stage } = this;
    if (stage.between(1, 3) === 1) {
      stage.trigger('chatNotice', 'channel.chat.notification', {
        notice: 'announcement',
        user: 'demo_streamer',
        color: stage.pick(['blue', 'green', 'orange', 'purple', 'primary']),
        message: stage.pick(ANNOUNCEMENTS),
      });
      return;
    }
    stage.trigger('chatNotice', 'channel.chat.notification', {
      notice: 'watch_streak',
      user: stage.pick(VIEWER_NAMES),
      months: stage.pick([3, 5, 5, 10, 15]),
      message: stage.pick(['', 'never missing one!', 'HeyGuys']),
    });
  }

  /** The chat's notice of a sub, resub, gift or raid the demo just played. */
  announce(
    notice: 'sub' | 'resub' | 'community_sub_gift' | 'raid',
    options: SimulatedTrigger,
  ): void {
    this.stage.trigger('chatNotice', 'channel.chat.notification', { ...options, notice });
  }

  private remember(result: TriggerResult | undefined): void {
    const id = result?.events[0]?.event.message_id;
    if (typeof id !== 'string') return;
    this.recent.push(id);
    if (this.recent.length > RECENT) this.recent.shift();
  }
}
