import { Injectable } from '@nestjs/common';
import { EventBus } from '../bus/event-bus.js';
import type { AlertControlAction } from './alerts-api.js';

/**
 * The dashboard's remote control for every open alert box: pause and resume (state, which the bus
 * keeps so an alert box that connects later is told) and skip (ends the alert on screen).
 */
@Injectable()
export class AlertBoxRemote {
  constructor(private readonly bus: EventBus) {}

  /** Sends `action` to the alert boxes (of every instance); resolves to the id it went out under. */
  async send(action: AlertControlAction): Promise<number> {
    return (await this.bus.submit({ type: 'control', data: { action } })).id;
  }
}
