import { Module } from '@nestjs/common';
import { ChannelStats } from './channel-stats.js';
import { HelixChannelReader } from './helix-channel-reader.js';
import { StatsPoller } from './stats-poller.js';

/** Helix poll + event-derived increments → `stats` messages on the bus. */
@Module({
  providers: [ChannelStats, HelixChannelReader, StatsPoller],
  exports: [StatsPoller, ChannelStats],
})
export class StatsModule {}
