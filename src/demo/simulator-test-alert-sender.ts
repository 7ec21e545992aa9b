import { BadRequestException, Injectable } from '@nestjs/common';
import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import type { TwitchEventData } from '../alerts/alerts-api.js';
import { TestAlertSender, type SentTestAlert } from '../alerts/test-alert-sender.js';
import type { TwitchEventType } from '../contract/twitch-events.js';
import { describeType } from '../event-types/event-types.js';

/**
 * Demo mode's test alerts: the dashboard's test buttons make the built-in simulator produce the
 * event, which then takes the real path — EventSub notification, Twurple, the bus — like any follow.
 * The numbers move too: in demo mode a test follow is a follow. Each type's descriptor says how
 * the simulator reproduces the dashboard's sample (who, how much).
 */
@Injectable()
export class SimulatorTestAlertSender extends TestAlertSender {
  constructor(private readonly simulator: TwitchSimulator) {
    super();
  }

  override send(event: TwitchEventType, data: TwitchEventData): Promise<SentTestAlert> {
    let produced;
    try {
      const options = describeType(event).simulatorTrigger?.(data) ?? {};
      produced = this.simulator.trigger(event, options).events;
    } catch (error) {
      // The simulator refuses what Twitch could not send (say, a raid of no one): the sender's fault.
      throw new BadRequestException(`The simulator cannot send that: ${String(error)}`);
    }
    // What clients get is the simulator's event (its viewer, its times), not the sample.
    const sent = produced.find((candidate) => candidate.type === event)?.event ?? data;
    return Promise.resolve({ id: null, data: sent });
  }
}
