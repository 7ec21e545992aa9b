import { Module } from '@nestjs/common';
import { ProjectionsModule } from '../projections/projections.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { ChannelStats } from './channel-stats.js';
import { HelixChannelReader } from './helix-channel-reader.js';
import { HelixCharityReader } from './helix-charity-reader.js';
import { HelixGoalReader } from './helix-goal-reader.js';
import { StatsPoller } from './stats-poller.js';

/** Helix poll + the events received from Twitch → the `stats` state on the bus. */
@Module({
  imports: [TwitchModule, ProjectionsModule],
  providers: [ChannelStats, HelixChannelReader, HelixGoalReader, HelixCharityReader, StatsPoller],
  exports: [StatsPoller],
})
export class StatsModule {}
