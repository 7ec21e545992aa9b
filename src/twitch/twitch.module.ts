import { Module } from '@nestjs/common';
import { TwitchSession } from './twitch-session.js';

/**
 * The broadcaster's Twitch session (Twurple auth provider + API client), shared by EventSub, the
 * stats poller and sign-in. Its tokens come from the `TokenSource` the configuration provides.
 */
@Module({
  providers: [TwitchSession],
  exports: [TwitchSession],
})
export class TwitchModule {}
