import { Injectable, Optional, ServiceUnavailableException } from '@nestjs/common';
import { Leadership, NotTheLeaderError } from './leadership.js';

/** What the leader is asked, by kind: `publish` (a message for the log), `command` (a feature's). */
export interface LeaderRequest {
  readonly kind: string;
  readonly [field: string]: unknown;
}

/** How the leader answers a request of one kind: with a JSON value, or by throwing. */
export type LeaderHandler = (request: LeaderRequest) => unknown;

/**
 * How a request reaches the leader when this instance is one of several (REDIS_URL: the cluster's
 * `LeaderRequests`, over Redis). Not provided for a single instance, which always leads.
 */
export abstract class LeaderRequestChannel {
  /** Answers requests of `kind` while this instance leads. */
  abstract handle(kind: string, handler: LeaderHandler): void;
  /** Asks the leader; resolves with its answer or rejects with its HTTP error. */
  abstract ask(request: LeaderRequest): Promise<unknown>;
}

/**
 * A change to state that only the leader holds, by name. It gets what the HTTP request asked (a
 * JSON value, to be checked: it may have crossed from another instance), answers with a JSON value
 * and refuses with Nest's HTTP errors, which reach the client unchanged from whichever instance it
 * asked (a `NotTheLeaderError` becomes a 503).
 */
export type LeaderCommand = (args: unknown) => unknown;

/**
 * The dashboard's actions on the state the leader holds (the subathon timer, the labels' session):
 * run here when this instance leads or is the only one, asked of the leader otherwise
 * (`LeaderRequests`), so that any instance behind a load balancer answers them.
 */
@Injectable()
export class LeaderCommands {
  private readonly commands = new Map<string, LeaderCommand>();

  constructor(
    private readonly leadership: Leadership,
    @Optional() private readonly toLeader?: LeaderRequestChannel,
  ) {
    toLeader?.handle('command', ({ name, args }) => this.runHere(String(name), args));
  }

  /** Makes `name` runnable (by every instance: any of them may lead). */
  register(name: string, command: LeaderCommand): void {
    if (this.commands.has(name))
      throw new Error(`The leader command "${name}" is registered twice.`);
    this.commands.set(name, command);
  }

  /** Runs `name` where the state is; resolves with its answer or rejects with its HTTP error. */
  async run<T>(name: string, args: unknown = null): Promise<T> {
    if (!this.toLeader || this.leadership.role === 'leader')
      return (await this.runHere(name, args)) as T;
    return (await this.toLeader.ask({ kind: 'command', name, args })) as T;
  }

  private async runHere(name: string, args: unknown): Promise<unknown> {
    const command = this.commands.get(name);
    if (!command) throw new Error(`No leader command is called "${name}".`);
    try {
      return await command(args);
    } catch (error) {
      // This instance stopped leading between the question and the answer: a 503 saying so.
      if (error instanceof NotTheLeaderError) throw new ServiceUnavailableException(error.message);
      throw error;
    }
  }
}
