import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { LabelsAdminController } from './labels-admin.controller.js';
import { LabelsCommands } from './labels-commands.js';
import { StreamLabels } from './stream-labels.js';

/** Events received from Twitch → the `labels` state on the bus (latest viewers, session counts). */
@Module({
  imports: [ProjectionsModule, AdminModule],
  controllers: [LabelsAdminController],
  providers: [StreamLabels, LabelsCommands],
})
export class LabelsModule {}
