import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { TokenSource } from './token-source.js';
import { TwitchSession } from './twitch-session.js';

/**
 * The broadcaster's Twitch session (Twurple auth provider + API client), shared by EventSub, the
 * stats poller and sign-in. `tokenSource` says where tokens live: the token file normally, the
 * built-in simulator in demo mode.
 */
@Global()
@Module({})
export class TwitchModule {
  static forRoot(tokenSource: Type<TokenSource>): DynamicModule {
    return {
      module: TwitchModule,
      providers: [{ provide: TokenSource, useClass: tokenSource }, TwitchSession],
      exports: [TokenSource, TwitchSession],
    };
  }
}
