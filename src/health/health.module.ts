import { Module } from '@nestjs/common';
import { StreamModule } from '../stream/stream.module.js';
import { HealthController } from './health.controller.js';
import { HealthReporter } from './health-reporter.js';

/** `GET /api/health`. */
@Module({
  imports: [StreamModule],
  controllers: [HealthController],
  providers: [HealthReporter],
})
export class HealthModule {}
