import { Module, type DynamicModule, type ModuleMetadata, type Type } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import type { AppConfig } from './config/app-config.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BusModule } from './bus/bus.module.js';
import { ConfigModule } from './config/config.module.js';
import { EventSubModule } from './eventsub/eventsub.module.js';
import { HealthModule } from './health/health.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { StatsModule } from './stats/stats.module.js';
import { StreamModule } from './stream/stream.module.js';
import { WidgetsModule } from './widgets/widgets.module.js';
import { FileTokenSource } from './twitch/file-token-source.js';
import type { TokenSource } from './twitch/token-source.js';
import { TwitchModule } from './twitch/twitch.module.js';

/** How the application is put together beyond its configuration. */
export interface AppModuleOptions {
  /**
   * Run the Twitch side (session, EventSub, stats poller). Off only in tests of the stream itself,
   * which publish into the bus directly.
   */
  twitch?: boolean;
  /** Where tokens come from: the token file by default, the simulator in demo mode. */
  tokenSource?: Type<TokenSource>;
  /** Extra modules (demo mode adds the simulator's). */
  extraImports?: ModuleMetadata['imports'];
}

/** The whole service: configuration, the bus, its producers (Twitch) and its consumers (SSE, health). */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    const twitch = options.twitch ?? true;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        BusModule,
        StreamModule,
        HealthModule,
        AlertsModule,
        WidgetsModule,
        ...(config.values.metricsEnabled ? [MetricsModule] : []),
        ...(twitch
          ? [
              ScheduleModule.forRoot(),
              TwitchModule.forRoot(options.tokenSource ?? FileTokenSource),
              EventSubModule,
              StatsModule,
              AuthModule,
            ]
          : []),
        ...(options.extraImports ?? []),
      ],
    };
  }
}
