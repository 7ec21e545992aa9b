import { ConflictException, Injectable, type OnModuleInit } from '@nestjs/common';
import { LeaderCommands } from '../leadership/leader-commands.js';
import type { SubathonActionResponse } from './subathon-api.js';
import { SubathonCountdown } from './subathon-countdown.js';
import { SubathonActionError } from './subathon-timer.js';
import { parseSubathonSettingsRequest, parseSubathonTimeRequest } from './subathon-requests.js';

/**
 * The dashboard's subathon actions, run by the instance that holds the timer (the leader, with
 * several instances on Redis): any instance's admin routes take them.
 */
@Injectable()
export class SubathonCommands implements OnModuleInit {
  constructor(
    private readonly countdown: SubathonCountdown,
    private readonly commands: LeaderCommands,
  ) {}

  onModuleInit(): void {
    const { countdown } = this;
    const register = (name: string, action: (args: unknown) => SubathonActionResponse) =>
      this.commands.register(`subathon.${name}`, (args) => answer(() => action(args)));
    register('resume', () => ({ subathon: countdown.resume() }));
    register('pause', () => ({ subathon: countdown.pause() }));
    register('reset', () => ({ subathon: countdown.reset() }));
    register('add', (body) => {
      const { data, change } = countdown.add(parseSubathonTimeRequest(body).seconds);
      return { subathon: data, change };
    });
    register('remove', (body) => {
      const { data, change } = countdown.remove(parseSubathonTimeRequest(body).seconds);
      return { subathon: data, change };
    });
    register('settings', (body) => ({
      subathon: countdown.updateSettings(parseSubathonSettingsRequest(body)),
    }));
  }

  /** Starts the countdown (after a reset) or resumes it. */
  resume(): Promise<SubathonActionResponse> {
    return this.commands.run('subathon.resume');
  }

  /** Pauses the countdown; events still add time. */
  pause(): Promise<SubathonActionResponse> {
    return this.commands.run('subathon.pause');
  }

  /** Back to the start time, not running. */
  reset(): Promise<SubathonActionResponse> {
    return this.commands.run('subathon.reset');
  }

  /** Adds time, up to the cap (`body`: `{"seconds": …}`, checked where it runs). */
  add(body: unknown): Promise<SubathonActionResponse> {
    return this.commands.run('subathon.add', body);
  }

  /** Takes time away, never below zero. */
  remove(body: unknown): Promise<SubathonActionResponse> {
    return this.commands.run('subathon.remove', body);
  }

  /** Changes some settings. */
  updateSettings(body: unknown): Promise<SubathonActionResponse> {
    return this.commands.run('subathon.settings', body);
  }
}

/** Runs a timer action, answering 409, with what to do, for one its state does not allow. */
function answer<T>(action: () => T): T {
  try {
    return action();
  } catch (error) {
    if (error instanceof SubathonActionError) throw new ConflictException(error.message);
    throw error;
  }
}
