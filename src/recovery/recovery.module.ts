import { Logger, Module } from '@nestjs/common';
import { join } from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { EventSubModule } from '../eventsub/eventsub.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { GapRecovery } from './gap-recovery.js';
import { HelixGapReader } from './helix-gap-reader.js';
import {
  FileRecoveryStateStore,
  MemoryRecoveryStateStore,
  RecoveryStateStore,
} from './recovery-state.js';

/** Where the recovery state lives: beside the event log, or in memory when the log is. */
function recoveryStateStore(config: AppConfig): RecoveryStateStore {
  const { eventLog, dataDir } = config.values;
  if (eventLog === 'memory') return new MemoryRecoveryStateStore();
  const logger = new Logger('Recovery');
  const file = config.demo ? 'demo-recovery.json' : 'recovery.json';
  return new FileRecoveryStateStore(join(dataDir, file), (message) => logger.warn(message));
}

/** After any EventSub gap: what Helix can tell of the events missed, published as `recovered`. */
@Module({
  imports: [TwitchModule, EventSubModule],
  providers: [
    GapRecovery,
    HelixGapReader,
    { provide: RecoveryStateStore, useFactory: recoveryStateStore, inject: [AppConfig] },
  ],
  exports: [GapRecovery],
})
export class RecoveryModule {}
