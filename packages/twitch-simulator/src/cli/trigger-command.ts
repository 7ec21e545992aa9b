import { parseTriggerArguments, TriggerUsageError } from './trigger-arguments.js';
import { TRIGGER_USAGE } from './trigger-usage.js';

/** Where the command writes. */
export interface TriggerOutput {
  print(text: string): void;
  printError(text: string): void;
}

interface TriggerAnswer {
  delivered?: number;
  outage?: boolean;
  events?: Array<{ type: string; event: Record<string, unknown> }>;
  affected?: number;
  message?: string;
}

/**
 * Runs one `npm run trigger -- …` command against the simulator's control API at
 * `127.0.0.1:<port>` and returns the exit code. `defaultPort` is asked only when `--port` is absent.
 */
export async function runTriggerCommand(
  argv: readonly string[],
  output: TriggerOutput,
  defaultPort: () => number,
): Promise<number> {
  let port: number;
  let command: ReturnType<typeof parseTriggerArguments>;
  try {
    command = parseTriggerArguments(argv);
    if (command.kind === 'help') {
      output.print(TRIGGER_USAGE);
      return 0;
    }
    port = command.port ?? defaultPort();
  } catch (error) {
    output.printError((error as Error).message);
    return error instanceof TriggerUsageError ? 2 : 1;
  }

  const url = `http://127.0.0.1:${port}/control${command.path}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: command.method,
      headers: command.body ? { 'Content-Type': 'application/json' } : {},
      body: command.body ? JSON.stringify(command.body) : undefined,
    });
  } catch {
    output.printError(
      `No Twitch simulator answers at 127.0.0.1:${port}. Start the service in demo mode ` +
        '(`npm start` with no TWITCH_CLIENT_ID, or DEMO_MODE=on) and try again, ' +
        'or pass --port <port> of a running simulator.',
    );
    return 1;
  }
  const text = await response.text();
  let answer: TriggerAnswer;
  try {
    answer = (text ? JSON.parse(text) : {}) as TriggerAnswer;
  } catch {
    output.printError(
      `Something other than the Twitch simulator answers at 127.0.0.1:${port}; pass --port <port> of the simulator.`,
    );
    return 1;
  }
  if (!response.ok) {
    output.printError(`The simulator refused: ${answer.message ?? response.statusText}`);
    return 1;
  }
  output.print(summarise(command.path, answer, command.body));
  return 0;
}

function summarise(
  path: string,
  answer: TriggerAnswer,
  body: Record<string, unknown> | undefined,
): string {
  if (path.startsWith('/trigger/') && answer.events) {
    const lines = answer.events.map((e) => `${e.type} ${JSON.stringify(e.event)}`);
    for (const { type, event } of answer.events) {
      // The id a moderator's delete names: `channel.chat.message_delete --message-id <id>`.
      if (type === 'channel.chat.message' && typeof event.message_id === 'string') {
        lines.push(`Message id: ${event.message_id}`);
      }
    }
    const delivered = answer.delivered ?? 0;
    const note = answer.outage
      ? 'Not delivered: EventSub is down (outage fault) and Twitch never replays; the channel state changed anyway, so Helix shows it.'
      : delivered === 0
        ? 'Delivered to no EventSub session (nothing subscribed to it); the channel state changed anyway.'
        : `Delivered ${delivered} notification${delivered === 1 ? '' : 's'}.`;
    return [...lines, note].join('\n');
  }
  if (path === '/faults/outage') {
    const dropped = answer.affected ?? 0;
    return (
      `EventSub is unreachable for ${String(body?.seconds)} s; ${dropped} session${dropped === 1 ? '' : 's'} dropped. ` +
      'Helix keeps answering. End it sooner: npm run trigger -- fault outage-end'
    );
  }
  if (path === '/faults/outage-end') {
    return answer.affected ? 'EventSub is reachable again.' : 'No outage was on.';
  }
  if (path.startsWith('/faults/')) {
    return `${path.slice('/faults/'.length)}: affected ${answer.affected ?? 0}.`;
  }
  return JSON.stringify(answer, null, 2);
}
