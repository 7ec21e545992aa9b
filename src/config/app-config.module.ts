import { Global, Module, type DynamicModule, type Type } from '@nestjs/common';
import { TokenSource } from '../twitch/token-source.js';
import { AppConfig } from './app-config.js';

/**
 * Makes the already-validated `AppConfig` injectable everywhere, with the `TokenSource` it points
 * at: where the Twitch app's credentials and the broadcaster's token live (the token file; the
 * built-in simulator in demo mode). Not `@nestjs/config`: this service validates its whole
 * configuration once, before Nest starts.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig, tokenSource: Type<TokenSource> | TokenSource): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        tokenSource instanceof TokenSource
          ? { provide: TokenSource, useValue: tokenSource }
          : { provide: TokenSource, useClass: tokenSource },
      ],
      exports: [AppConfig, TokenSource],
    };
  }
}
