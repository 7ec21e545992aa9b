import { Module, type DynamicModule } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { AlertBoxRemote } from './alert-box-remote.js';
import { AlertsAdminController } from './alerts-admin.controller.js';
import { EventReplayer } from './event-replayer.js';
import { EventHistoryController } from './event-history.controller.js';
import { BusTestAlertSender, TestAlertSender } from './test-alert-sender.js';
import { TestEventSamples } from './test-event-samples.js';

/**
 * What the dashboard does to alerts: test alerts, pause/resume/skip, replay, and the event history
 * its feed pages through. Everything goes out through the bus, so alert boxes hear it on the
 * public stream.
 */
@Module({})
export class AlertsModule {
  /**
   * `testAlerts` sends the dashboard's test alerts; by default they are published on the bus
   * (demo mode passes one that makes the simulator send them through EventSub).
   */
  static forRoot(testAlerts?: TestAlertSender): DynamicModule {
    return {
      module: AlertsModule,
      imports: [AdminModule],
      controllers: [AlertsAdminController, EventHistoryController],
      providers: [
        TestEventSamples,
        testAlerts
          ? { provide: TestAlertSender, useValue: testAlerts }
          : { provide: TestAlertSender, useClass: BusTestAlertSender },
        AlertBoxRemote,
        EventReplayer,
      ],
    };
  }
}
