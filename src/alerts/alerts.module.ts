import { Module } from '@nestjs/common';
import { TwitchSimulator } from '@twitch-realtime/twitch-simulator';
import { EventBus } from '../bus/event-bus.js';
import { SimulatorTestAlertSender } from '../demo/simulator-test-alert-sender.js';
import { AlertBoxRemote } from './alert-box-remote.js';
import { AlertsAdminController } from './alerts-admin.controller.js';
import { EventReplayer } from './event-replayer.js';
import { RecentEventsController } from './recent-events.controller.js';
import { BusTestAlertSender, TestAlertSender } from './test-alert-sender.js';
import { TestEventSamples } from './test-event-samples.js';

/**
 * What the dashboard does to alerts: test alerts, pause/resume/skip, replay, and the recent-events
 * feed. Everything goes out through the bus, so alert boxes hear it on the public stream.
 */
@Module({
  controllers: [AlertsAdminController, RecentEventsController],
  providers: [
    TestEventSamples,
    // In demo mode (a simulator is provided) test alerts go through the simulator and EventSub.
    {
      provide: TestAlertSender,
      useFactory: (bus: EventBus, simulator?: TwitchSimulator) =>
        simulator ? new SimulatorTestAlertSender(simulator) : new BusTestAlertSender(bus),
      inject: [EventBus, { token: TwitchSimulator, optional: true }],
    },
    AlertBoxRemote,
    EventReplayer,
  ],
  exports: [TestAlertSender, AlertBoxRemote],
})
export class AlertsModule {}
