import { HttpException, ServiceUnavailableException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  LeaderRequestChannel,
  type LeaderHandler,
  type LeaderRequest,
} from '../leadership/leader-commands.js';
import type { RedisConnections } from './redis-connections.js';
import type { RedisKeys } from './redis-keys.js';

/** How long an instance waits for the leader's answer. */
const ANSWER_TIMEOUT_MS = 5_000;

/** A request on the wire: who asks (the reply channel) and which request it is. */
interface Envelope {
  readonly from: string;
  readonly id: string;
  readonly request: LeaderRequest;
}

/** An answer on the wire: the result, or the error as an HTTP status and body. */
interface Answer {
  readonly id: string;
  readonly result?: unknown;
  readonly error?: { readonly status: number; readonly body: string | object };
}

/**
 * Requests from any instance to the leader, answered (Redis pub/sub): the dashboard's actions on a
 * follower — a test alert to publish, a subathon timer to pause — run where the state is, and the
 * follower answers its HTTP request with what the leader answered, errors included.
 *
 * The leader serves only while it holds the lease (`serve` / `stopServing`): with no leader, a
 * request finds no listener and is refused at once with a 503 saying so.
 */
export class LeaderRequests extends LeaderRequestChannel {
  private readonly handlers = new Map<string, LeaderHandler>();
  private readonly waiting = new Map<string, (answer: Answer) => void>();
  private serving = false;
  private closed = false;

  constructor(
    private readonly redis: RedisConnections,
    private readonly keys: RedisKeys,
    private readonly instanceId: string,
  ) {
    super();
  }

  /** Starts listening for answers to this instance's requests. */
  async listen(): Promise<void> {
    const { keys, instanceId } = this;
    this.redis.subscriber.on('message', (channel: string, text: string) => {
      if (channel === keys.leaderRequests) void this.answer(text);
      else if (channel === keys.leaderAnswers(instanceId)) this.answered(text);
    });
    await this.redis.subscriber.subscribe(keys.leaderAnswers(instanceId));
  }

  /** How the leader answers requests of `kind` (registered on every instance: any may lead). */
  handle(kind: string, handler: LeaderHandler): void {
    this.handlers.set(kind, handler);
  }

  /** This instance leads now: it takes the requests. */
  async serve(): Promise<void> {
    this.serving = true;
    await this.redis.subscriber.subscribe(this.keys.leaderRequests);
  }

  /** This instance no longer leads. */
  async stopServing(): Promise<void> {
    this.serving = false;
    await this.redis.subscriber.unsubscribe(this.keys.leaderRequests).catch(() => undefined);
  }

  /**
   * Asks the leader; resolves with its answer. Throws the leader's error as the same HTTP error,
   * and a 503 saying why when no leader answers (none right now, Redis away, no answer in time).
   */
  async ask(request: LeaderRequest): Promise<unknown> {
    if (this.closed) throw unavailable('this instance is shutting down');
    const id = randomUUID();
    const envelope: Envelope = { from: this.instanceId, id, request };
    const answer = new Promise<Answer>((resolve) => {
      this.waiting.set(id, resolve);
      setTimeout(() => resolve({ id, error: timeoutError() }), ANSWER_TIMEOUT_MS).unref();
    });
    try {
      const listeners = await this.redis.command
        .publish(this.keys.leaderRequests, JSON.stringify(envelope))
        .catch((error: unknown) => {
          throw unavailable(`Redis cannot be reached (${(error as Error).message})`);
        });
      if (listeners === 0) {
        throw unavailable(
          'no instance holds the Twitch connection right now (a new leader is being chosen)',
        );
      }
      const { result, error } = await answer;
      if (error) throw new HttpException(error.body, error.status);
      return result;
    } finally {
      this.waiting.delete(id);
    }
  }

  /** Answers every waiting request with a 503: the instance is stopping. */
  close(): void {
    this.closed = true;
    for (const resolve of this.waiting.values())
      resolve({ id: '', error: errorOf(unavailable('this instance is shutting down')) });
  }

  /** The leader runs a request and answers the instance that asked. */
  private async answer(text: string): Promise<void> {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text) as Envelope;
      if (typeof envelope.from !== 'string' || typeof envelope.request?.kind !== 'string') return;
    } catch {
      return;
    }
    let answer: Answer;
    try {
      const handler = this.handlers.get(envelope.request.kind);
      if (!this.serving) throw unavailable('this instance no longer leads');
      if (!handler) throw unavailable(`the leader cannot run "${envelope.request.kind}" requests`);
      answer = { id: envelope.id, result: (await handler(envelope.request)) ?? null };
    } catch (error) {
      answer = { id: envelope.id, error: errorOf(error) };
    }
    await this.redis.command
      .publish(this.keys.leaderAnswers(envelope.from), JSON.stringify(answer))
      .catch(() => undefined);
  }

  private answered(text: string): void {
    try {
      const answer = JSON.parse(text) as Answer;
      this.waiting.get(answer.id)?.(answer);
    } catch {
      // Not an answer: nothing waits for it.
    }
  }
}

function unavailable(reason: string): ServiceUnavailableException {
  return new ServiceUnavailableException(
    `The leader instance could not do it: ${reason}. Try again in a few seconds.`,
  );
}

function timeoutError(): Answer['error'] {
  return errorOf(
    unavailable('it did not answer in time (it may still have done it: check before trying again)'),
  );
}

/** An error as it crosses to the instance that asked: HTTP errors as they are, others as 500. */
function errorOf(error: unknown): NonNullable<Answer['error']> {
  if (error instanceof HttpException)
    return { status: error.getStatus(), body: error.getResponse() };
  return {
    status: 500,
    body: { statusCode: 500, message: `The leader instance failed: ${(error as Error).message}` },
  };
}
