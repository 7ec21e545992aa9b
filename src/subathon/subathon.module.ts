import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { SubathonAdminController, SubathonController } from './subathon-admin.controller.js';
import { SubathonCommands } from './subathon-commands.js';
import { SubathonCountdown } from './subathon-countdown.js';

/**
 * The subathon timer: events received from Twitch and the dashboard's admin routes → the
 * `subathon` state on the bus (kept in the event log, so it survives a restart).
 */
@Module({
  imports: [ProjectionsModule, AdminModule],
  controllers: [SubathonAdminController, SubathonController],
  providers: [SubathonCountdown, SubathonCommands],
})
export class SubathonModule {}
