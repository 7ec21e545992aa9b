import { Module, type DynamicModule } from '@nestjs/common';
import { TwitchModule } from '../twitch/twitch.module.js';
import type { ChatEmotesResponse } from './chat-api.js';
import { ChatBadgeCatalog } from './chat-badge-catalog.js';
import { ChatController, EMOTE_SERVICES } from './chat.controller.js';
import { ChatBadgeReader, HelixChatBadgeReader } from './helix-chat-badge-reader.js';

/**
 * What the chat box needs besides the stream: the chat badges from Helix, cached
 * (`GET /api/twitch/chat-badges`), and where it loads third-party emotes
 * (`GET /api/twitch/chat-emotes`).
 */
@Module({})
export class ChatModule {
  /** `services`: the third-party emote services' URLs (`AppConfig.emoteServices`). */
  static forRoot(services: ChatEmotesResponse['services']): DynamicModule {
    return {
      module: ChatModule,
      imports: [TwitchModule],
      providers: [
        ChatBadgeCatalog,
        { provide: ChatBadgeReader, useClass: HelixChatBadgeReader },
        { provide: EMOTE_SERVICES, useValue: services },
      ],
      controllers: [ChatController],
    };
  }
}
