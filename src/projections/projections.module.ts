import { Module } from '@nestjs/common';
import { EventSubModule } from '../eventsub/eventsub.module.js';
import { ProjectionRunner } from './projection-runner.js';

/**
 * The events received from Twitch → what they mean (the numbers, the labels, the subathon timer,
 * …), in one declared order. The feature modules register their projections with the runner.
 */
@Module({
  imports: [EventSubModule],
  providers: [ProjectionRunner],
  exports: [ProjectionRunner],
})
export class ProjectionsModule {}
