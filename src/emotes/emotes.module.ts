import { Module } from '@nestjs/common';
import { TwitchModule } from '../twitch/twitch.module.js';
import { CheermoteCatalog } from './cheermote-catalog.js';
import { CheermotesController } from './cheermotes.controller.js';
import { CheermoteReader, HelixCheermoteReader } from './helix-cheermote-reader.js';

/**
 * Emotes and cheermotes in viewers' messages: the channel's cheermotes from Helix, cached, and
 * with the emote CDN's base URL served to the widgets (`GET /api/twitch/cheermotes`).
 */
@Module({
  imports: [TwitchModule],
  providers: [CheermoteCatalog, { provide: CheermoteReader, useClass: HelixCheermoteReader }],
  controllers: [CheermotesController],
})
export class EmotesModule {}
