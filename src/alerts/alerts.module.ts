import { Module } from '@nestjs/common';
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
    // Demo mode may bind a sender that goes through the Twitch simulator instead.
    { provide: TestAlertSender, useClass: BusTestAlertSender },
    AlertBoxRemote,
    EventReplayer,
  ],
  exports: [TestAlertSender, AlertBoxRemote],
})
export class AlertsModule {}
