import { Injectable, NotFoundException } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { EventReplayResponse } from './alerts-api.js';

/** Sends an earlier event again, for the dashboard's replay buttons. */
@Injectable()
export class EventReplayer {
  constructor(private readonly bus: EventBus) {}

  /**
   * Publishes the buffered event `id` again as a new message with `replayOf` (the id it was first
   * sent with, also when replaying a replay), so every alert box plays it once more.
   */
  async replay(id: number): Promise<EventReplayResponse> {
    const original = this.bus.bufferedEvent(id)?.message;
    if (original?.type !== 'event') {
      const { capacity } = this.bus.replayWindow;
      throw new NotFoundException(
        `Event ${id} is no longer in the replay buffer (it keeps the last ${capacity} events; SSE_REPLAY_BUFFER_SIZE), so it cannot be replayed.`,
      );
    }
    const replayOf = original.replayOf ?? id;
    const published = await this.bus.submit({
      ...original,
      replayOf,
      sentAt: new Date().toISOString(),
    });
    return { id: published.id, replayOf };
  }
}
