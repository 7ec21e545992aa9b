import { Global, Module, type DynamicModule, type Provider, type Type } from '@nestjs/common';
import { hostname } from 'node:os';
import { EVENT_LOG } from './bus/event-bus.js';
import { openLocalEventLog } from './bus/open-event-log.js';
import { Cluster } from './cluster/cluster.js';
import { RedisLeadership } from './cluster/redis-leadership.js';
import { AppConfig } from './config/app-config.js';
import { LeaderCommands, LeaderRequestChannel } from './leadership/leader-commands.js';
import { Leadership, SoleInstance } from './leadership/leadership.js';
import { StandbyRelay } from './eventsub/standby-relay.js';
import { SHARED_RECOVERY_STATE } from './recovery/recovery-state.js';
import { SHARED_STREAM_LOG } from './streams/stream-log.js';
import { SHARED_STREAM_STORE } from './streams/stream-store.js';
import { FileTokenSource } from './twitch/file-token-source.js';
import { TokenSource } from './twitch/token-source.js';

const DAY_MS = 24 * 3_600_000;

/** What an instance is built from, chosen once at its start. */
export interface InstanceParts {
  /** Where tokens come from: the token file by default, the simulator in demo mode. */
  readonly tokenSource?: Type<TokenSource> | TokenSource;
  /** What this instance shares with the others through Redis (REDIS_URL), if it is one of several. */
  readonly cluster?: Cluster;
}

/**
 * The composition root's choice of the parts below every feature module: the validated
 * configuration, where the Twitch tokens live, the event log, and who leads. Each is a port
 * declared in a lower folder (`TokenSource` in twitch/, `EVENT_LOG` in bus/, `Leadership` and
 * `LeaderRequestChannel` in leadership/, `StandbyRelay` in eventsub/, the streams' store and log in
 * streams/); here, and only here, the implementations are picked —
 * the file and SQLite ones of a single instance, or the Redis ones of `cluster/` — so no feature
 * module imports `cluster/`. Global, like the bus: every feature needs the configuration.
 */
@Global()
@Module({})
export class InstanceModule {
  static forRoot(config: AppConfig, parts: InstanceParts = {}): DynamicModule {
    const { cluster } = parts;
    const tokenSource = parts.tokenSource ?? cluster?.tokens ?? FileTokenSource;
    const providers: Provider[] = [
      { provide: AppConfig, useValue: config },
      tokenSource instanceof TokenSource
        ? { provide: TokenSource, useValue: tokenSource }
        : { provide: TokenSource, useClass: tokenSource },
      {
        provide: EVENT_LOG,
        useFactory: () => cluster?.log ?? openLocalEventLog(config),
      },
      {
        provide: Leadership,
        useFactory: () =>
          cluster
            ? new RedisLeadership(
                cluster,
                config.values.eventLogMaxAgeDays * DAY_MS,
                config.values.standby,
              )
            : new SoleInstance(config.values.instanceId || `${hostname()}-${process.pid}`),
      },
      LeaderCommands,
      ...(cluster
        ? [
            { provide: Cluster, useValue: cluster },
            { provide: LeaderRequestChannel, useValue: cluster.leaderRequests },
            { provide: SHARED_RECOVERY_STATE, useValue: cluster.recovery },
            { provide: StandbyRelay, useValue: cluster.standbyRelay },
            { provide: SHARED_STREAM_STORE, useValue: cluster.streams },
            { provide: SHARED_STREAM_LOG, useValue: cluster.streamLog },
          ]
        : []),
    ];
    return {
      module: InstanceModule,
      providers,
      exports: providers.map((provider) =>
        typeof provider === 'function' ? provider : provider.provide,
      ),
    };
  }
}
