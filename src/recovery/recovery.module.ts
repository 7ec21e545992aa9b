import { Logger, Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { EventSubModule } from '../eventsub/eventsub.module.js';
import { ProjectionsModule } from '../projections/projections.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { GapRecovery } from './gap-recovery.js';
import { HelixGapReader } from './helix-gap-reader.js';
import {
  FileRecoveryStateStore,
  MemoryRecoveryStateStore,
  RecoveryStateStore,
  SHARED_RECOVERY_STATE,
} from './recovery-state.js';

/**
 * Where the recovery state lives: beside the event log, in memory when the log is, or in Redis
 * where the next leader finds it.
 */
function recoveryStateStore(config: AppConfig, shared?: RecoveryStateStore): RecoveryStateStore {
  if (shared) return shared;
  const { eventLog, dataDir } = config.values;
  if (eventLog === 'memory') return new MemoryRecoveryStateStore();
  const logger = new Logger('Recovery');
  const file = config.demo ? 'demo-recovery.json' : 'recovery.json';
  return new FileRecoveryStateStore(join(dataDir, file), (message) => logger.warn(message));
}

/** After any EventSub gap: what Helix can tell of the events missed, published as `recovered`. */
@Module({
  imports: [TwitchModule, EventSubModule, ProjectionsModule],
  providers: [
    GapRecovery,
    HelixGapReader,
    {
      provide: RecoveryStateStore,
      useFactory: recoveryStateStore,
      inject: [AppConfig, { token: SHARED_RECOVERY_STATE, optional: true }],
    },
  ],
  exports: [GapRecovery],
})
export class RecoveryModule {}
