import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { BusModule } from './bus/bus.module.js';
import { ConfigModule } from './config/config.module.js';
import { HealthModule } from './health/health.module.js';
import { StreamModule } from './stream/stream.module.js';

/** The whole service: configuration, the bus, its producers and its consumers. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(config), BusModule, StreamModule, HealthModule],
    };
  }
}
