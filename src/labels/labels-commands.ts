import { Injectable, type OnModuleInit } from '@nestjs/common';
import { LeaderCommands } from '../leadership/leader-commands.js';
import type { LabelsData } from '../contract/sse-contract.js';
import { StreamLabels } from './stream-labels.js';

/**
 * The dashboard's action on the labels, run by the instance that keeps them (the leader, with
 * several instances on Redis): any instance's admin route takes it.
 */
@Injectable()
export class LabelsCommands implements OnModuleInit {
  constructor(
    private readonly labels: StreamLabels,
    private readonly commands: LeaderCommands,
  ) {}

  onModuleInit(): void {
    this.commands.register('labels.reset-session', () => this.labels.resetSession());
  }

  /** Starts the session over: counts and top supporters from now on. */
  resetSession(): Promise<LabelsData> {
    return this.commands.run('labels.reset-session');
  }
}
