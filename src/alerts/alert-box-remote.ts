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

  /** Sends `action` to the alert boxes; returns the id it went out under. */
  send(action: AlertControlAction): number {
    return this.bus.publish({ type: 'control', data: { action } }).id;
  }
}
