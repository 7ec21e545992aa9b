import { Module, type DynamicModule, type ModuleMetadata } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AlertsModule } from './alerts/alerts.module.js';
import { ApiDocsModule } from './api-docs/api-docs.module.js';
import type { TestAlertSender } from './alerts/test-alert-sender.js';
import { AuthModule } from './auth/auth.module.js';
import { ChannelProfilesModule } from './channel-profiles/channel-profiles.module.js';
import { ChatModule } from './chat/chat.module.js';
import { BusModule } from './bus/bus.module.js';
import type { AppConfig } from './config/app-config.js';
import { EmotesModule } from './emotes/emotes.module.js';
import { EventSubModule } from './eventsub/eventsub.module.js';
import { InstanceModule, type InstanceParts } from './instance.module.js';
import { HealthModule } from './health/health.module.js';
import { LabelsModule } from './labels/labels.module.js';
import { MediaModule } from './media/media.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { StatsModule } from './stats/stats.module.js';
import { StatusModule } from './status/status.module.js';
import { StreamModule } from './stream/stream.module.js';
import { StreamsModule } from './streams/streams.module.js';
import { SubathonModule } from './subathon/subathon.module.js';
import { TwitchModule } from './twitch/twitch.module.js';
import { WidgetsModule } from './widgets/widgets.module.js';

/** Where the service meets the world outside it: Twitch's tokens, test alerts, demo mode. */
export interface AppModuleOptions extends InstanceParts {
  /** How the dashboard's test alerts are sent: on the bus by default, through the simulator in demo mode. */
  testAlertSender?: TestAlertSender;
  /** Where the widgets load emote images (default: `EMOTE_CDN_URL`; demo mode: its simulator's). */
  emoteBaseUrl?: string;
  /** Extra modules (demo mode adds its own). */
  extraImports?: ModuleMetadata['imports'];
}

/**
 * The whole service, in the direction data flows: Twitch (session, EventSub, the Helix poll) →
 * stats, labels, the subathon timer and status → the bus → SSE clients, health, metrics, the dashboard and widgets, and the
 * API's description (OpenAPI, the SSE messages' JSON Schemas).
 */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        InstanceModule.forRoot(config, options),
        BusModule,
        ScheduleModule.forRoot(),
        TwitchModule,
        EventSubModule,
        StatsModule,
        EmotesModule.forRoot(options.emoteBaseUrl ?? config.values.emoteCdnUrl),
        ChatModule.forRoot(config.emoteServices),
        LabelsModule,
        SubathonModule,
        StreamsModule,
        StatusModule,
        AuthModule,
        StreamModule,
        HealthModule,
        AlertsModule.forRoot(options.testAlertSender),
        ChannelProfilesModule,
        WidgetsModule,
        MediaModule,
        ApiDocsModule,
        ...(config.values.metricsEnabled ? [MetricsModule] : []),
        ...(options.extraImports ?? []),
      ],
    };
  }
}
