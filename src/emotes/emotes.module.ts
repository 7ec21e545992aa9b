import { Module, type DynamicModule } from '@nestjs/common';
import { TwitchModule } from '../twitch/twitch.module.js';
import { CheermoteCatalog } from './cheermote-catalog.js';
import { CheermotesController, EMOTE_BASE_URL } from './cheermotes.controller.js';
import { CheermoteReader, HelixCheermoteReader } from './helix-cheermote-reader.js';

/**
 * Emotes and cheermotes in viewers' messages: the channel's cheermotes from Helix, cached, and
 * with the emote CDN's base URL served to the widgets (`GET /api/twitch/cheermotes`).
 */
@Module({})
export class EmotesModule {
  /** `emoteBaseUrl`: where the widgets load emote images (`AppConfig.emoteBaseUrl`). */
  static forRoot(emoteBaseUrl: string): DynamicModule {
    return {
      module: EmotesModule,
      imports: [TwitchModule],
      providers: [
        CheermoteCatalog,
        { provide: CheermoteReader, useClass: HelixCheermoteReader },
        { provide: EMOTE_BASE_URL, useValue: emoteBaseUrl },
      ],
      controllers: [CheermotesController],
    };
  }
}
