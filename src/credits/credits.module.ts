import { Module } from '@nestjs/common';
import { AdminModule } from '../admin/admin.module.js';
import { StreamsModule } from '../streams/streams.module.js';
import { CreditsAdminController } from './credits-admin.controller.js';
import { CreditsController } from './credits.controller.js';
import { CreditsReader } from './credits-reader.js';
import { CreditsRemote } from './credits-remote.js';

/**
 * The credits roll's server side: a stream's names from the log (`GET /api/credits`, which the
 * credits widget opens on) and the dashboard's Roll credits / Stop buttons, sent to every credits
 * widget on the stream.
 */
@Module({
  imports: [StreamsModule, AdminModule],
  controllers: [CreditsController, CreditsAdminController],
  providers: [CreditsReader, CreditsRemote],
})
export class CreditsModule {}
