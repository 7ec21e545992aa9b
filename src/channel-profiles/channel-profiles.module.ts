import { Module } from '@nestjs/common';
import { TwitchModule } from '../twitch/twitch.module.js';
import { ChannelProfileCache } from './channel-profile-cache.js';
import { ChannelProfileSource } from './channel-profile-source.js';
import { ChannelProfilesController } from './channel-profiles.controller.js';
import { HelixChannelProfiles } from './helix-channel-profiles.js';
import { ShoutoutChannels } from './shoutout-channels.js';

/** The shoutout card's lookup: a shoutout's other channel, from Helix through a cache. */
@Module({
  imports: [TwitchModule],
  controllers: [ChannelProfilesController],
  providers: [
    { provide: ChannelProfileSource, useClass: HelixChannelProfiles },
    {
      provide: ChannelProfileCache,
      useFactory: (source: ChannelProfileSource) => new ChannelProfileCache(source),
      inject: [ChannelProfileSource],
    },
    ShoutoutChannels,
  ],
})
export class ChannelProfilesModule {}
