import { Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { CreditsAction } from '../contract/sse-contract.js';

/**
 * The dashboard's remote control for every open credits widget: roll the credits, or stop them.
 * A one-shot message on the stream (not kept): a widget opened later waits for the next roll.
 */
@Injectable()
export class CreditsRemote {
  constructor(private readonly bus: EventBus) {}

  /** Sends `action` to the credits widgets (of every instance); resolves to the id it went out under. */
  async send(action: CreditsAction): Promise<number> {
    return (await this.bus.submit({ type: 'credits', data: { action } })).id;
  }
}
