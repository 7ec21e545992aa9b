import { Global, Module, type DynamicModule } from '@nestjs/common';
import { hostname } from 'node:os';
import type { AppConfig } from '../config/app-config.js';
import { Cluster } from './cluster.js';
import { LeaderCommands } from './leader-commands.js';
import { Leadership, SoleInstance } from './leadership.js';
import { RedisLeadership } from './redis-leadership.js';

const DAY_MS = 24 * 3_600_000;

/**
 * Which instance leads (`Leadership`), and with REDIS_URL what the instances share (`Cluster`):
 * a single instance always leads; among several, the holder of the Redis lease does. The
 * dashboard's actions on the leader's state go where it is through `LeaderCommands`.
 */
@Global()
@Module({})
export class ClusterModule {
  static forRoot(config: AppConfig, cluster: Cluster | undefined): DynamicModule {
    const leadership = cluster
      ? () => new RedisLeadership(cluster, config.values.eventLogMaxAgeDays * DAY_MS)
      : () => new SoleInstance(config.values.instanceId || `${hostname()}-${process.pid}`);
    return {
      module: ClusterModule,
      providers: [
        { provide: Leadership, useFactory: leadership },
        LeaderCommands,
        ...(cluster ? [{ provide: Cluster, useValue: cluster }] : []),
      ],
      exports: [Leadership, LeaderCommands, ...(cluster ? [Cluster] : [])],
    };
  }
}
