import { parseArgs } from 'node:util';
import { SIMULATED_EVENT_TYPES, type SimulatedEventType } from '../event-types.js';

/** What one `npm run trigger -- …` invocation asks for. */
export type TriggerCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'request';
      readonly method: 'GET' | 'POST';
      /** Path under `/control`. */
      readonly path: string;
      readonly body?: Record<string, unknown>;
      /** `--port`, when given. */
      readonly port?: number;
    };

/** A command line that cannot be run; the message says what to type instead. */
export class TriggerUsageError extends Error {
  constructor(message: string) {
    super(`${message}\nRun \`npm run trigger -- --help\` for events, options and faults.`);
    this.name = 'TriggerUsageError';
  }
}

/** Short names accepted for the event types. */
const EVENT_ALIASES: Record<string, SimulatedEventType> = {
  follow: 'channel.follow',
  sub: 'channel.subscribe',
  subscribe: 'channel.subscribe',
  gift: 'channel.subscription.gift',
  cheer: 'channel.cheer',
  raid: 'channel.raid',
  online: 'stream.online',
  offline: 'stream.offline',
  redeem: 'channel.channel_points_custom_reward_redemption.add',
  redemption: 'channel.channel_points_custom_reward_redemption.add',
  'hype-train-begin': 'channel.hype_train.begin',
  'hype-train-progress': 'channel.hype_train.progress',
  'hype-train-end': 'channel.hype_train.end',
  'goal-begin': 'channel.goal.begin',
  'goal-progress': 'channel.goal.progress',
  'goal-end': 'channel.goal.end',
  'poll-begin': 'channel.poll.begin',
  'poll-progress': 'channel.poll.progress',
  'poll-end': 'channel.poll.end',
  'prediction-begin': 'channel.prediction.begin',
  'prediction-progress': 'channel.prediction.progress',
  'prediction-lock': 'channel.prediction.lock',
  'prediction-end': 'channel.prediction.end',
};

/** Faults and the options each takes (besides `--port`). */
const FAULTS: Record<string, readonly string[]> = {
  drop: ['session'],
  close: ['code', 'reason', 'session'],
  malformed: ['session'],
  redeliver: ['new-id'],
  'keepalive-stop': ['session'],
  'keepalive-resume': ['session'],
  reconnect: ['session'],
  outage: ['seconds'],
  'outage-end': [],
  helix: ['endpoint', 'status', 'delay', 'count', 'reset'],
  'helix-clear': ['endpoint'],
  'revoke-subscription': ['id', 'type', 'status'],
  'revoke-refresh': ['user'],
  'revoke-token': ['user'],
  'expire-token': ['user'],
};

/** The text of `--help`. */
export const TRIGGER_USAGE = `Make things happen on the running Twitch simulator (demo mode), like \`twitch event trigger\`.

Usage:
  npm run trigger -- <event> [options]          an EventSub event, e.g. channel.follow --user alice
  npm run trigger -- fault <fault> [options]    break something, e.g. fault drop
  npm run trigger -- viewers <count>            set the live viewer count
  npm run trigger -- token [--user <login>] [--scopes a,b]   mint a user token (JSON)
  npm run trigger -- device approve|deny <code> [--user <login>]   answer a Device Code sign-in
  npm run trigger -- state                      what the simulator knows (JSON)

Events (short names in brackets):
  channel.follow (follow)               --user
  channel.subscribe (sub)               --user --tier 1|2|3 --gift
  channel.subscription.gift (gift)      --user --total <n, default 5> --tier --anonymous
  channel.cheer (cheer)                 --user --bits <n, default 100> --message <text> --anonymous
  channel.raid (raid)                   --user <raiding channel> --viewers <n, default 10>
  stream.online (online)                --title <text> --game <name> --viewers <n>
  stream.offline (offline)
  channel.channel_points_custom_reward_redemption.add (redeem)
                                        --user --reward <title, default Hydrate!> --cost <points> --input <text>
  channel.hype_train.begin (hype-train-begin)      --user --bits <n> | --tier 1|2|3 (the contribution that starts it)
  channel.hype_train.progress (hype-train-progress) --user --bits <n> | --tier 1|2|3
  channel.hype_train.end (hype-train-end)
  channel.goal.begin (goal-begin)       --goal-type follower|subscription|subscription_count|new_subscription|
                                        new_subscription_count|new_bit|new_cheerer --target <n> --description <text>
  channel.goal.progress (goal-progress) --goal-type --amount <the new current amount>
  channel.goal.end (goal-end)           --goal-type
  channel.poll.begin (poll-begin)       --title <question> --choices "Yes,No" --seconds <n, default 60>
  channel.poll.progress (poll-progress) --choice <number or title> --votes <n, default 1>
  channel.poll.end (poll-end)           --status completed|terminated|archived
  channel.prediction.begin (prediction-begin)       --title <text> --outcomes "Win,Lose" --seconds <n, default 120>
  channel.prediction.progress (prediction-progress) --user --outcome <number or title> --points <n, default 100>
  channel.prediction.lock (prediction-lock)
  channel.prediction.end (prediction-end)           --outcome <the winner> --status resolved|canceled
  Follows, subs and cheers move a running goal and hype train by themselves (goal and hype train
  progress follow them). Progress, lock or end with nothing running begins one first.

Event options:
  --user <login>           who acts (default: a new viewer); made up if the simulator has not met them
  --broadcaster <login>    the channel (default: demo_streamer)
  --duplicate same-id|new-id   deliver each notification twice (same or new message_id)

Faults:
  drop                     drop EventSub sockets without a close frame
  close --code <code> [--reason <text>]   close sockets with a code (4000-4007 are Twitch's)
  malformed                send a frame that is not JSON
  redeliver [--new-id]     send the last notification again (same message_id unless --new-id)
  keepalive-stop | keepalive-resume   stop or resume keepalive messages
  reconnect                send session_reconnect
  outage --seconds <s>     EventSub unreachable for s seconds: sockets dropped without a close frame,
                           new connections cut, notifications of what happens meanwhile lost (as on
                           Twitch); the channel keeps changing and Helix keeps answering
  outage-end               end the outage now
  helix --endpoint <streams|channels/followers|subscriptions|bits/leaderboard|users|eventsub/subscriptions|*>
        [--status <429|500|…>] [--delay <ms>] [--count <n>] [--reset <s>]   misbehave for n requests (default: until cleared)
  helix-clear [--endpoint <endpoint>]
  revoke-subscription [--type <type>] [--id <id>] [--status authorization_revoked|user_removed|…]
  revoke-refresh [--user <login>]  refresh tokens stop working
  revoke-token [--user <login>]    the user disconnects the app: tokens and subscriptions revoked
  expire-token [--user <login>]    access tokens expire now
  --session <id>           only this EventSub session (drop, close, malformed, keepalive-*, reconnect)

General:
  --port <port>            the simulator's port (default: SIMULATOR_PORT, 3001)
  --help                   this text
`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  port: { type: 'string' },
  user: { type: 'string' },
  broadcaster: { type: 'string' },
  tier: { type: 'string' },
  gift: { type: 'boolean' },
  total: { type: 'string' },
  anonymous: { type: 'boolean' },
  bits: { type: 'string' },
  message: { type: 'string' },
  viewers: { type: 'string' },
  title: { type: 'string' },
  game: { type: 'string' },
  duplicate: { type: 'string' },
  session: { type: 'string' },
  code: { type: 'string' },
  reason: { type: 'string' },
  'new-id': { type: 'boolean' },
  endpoint: { type: 'string' },
  status: { type: 'string' },
  delay: { type: 'string' },
  count: { type: 'string' },
  reset: { type: 'string' },
  id: { type: 'string' },
  type: { type: 'string' },
  scopes: { type: 'string' },
  seconds: { type: 'string' },
  reward: { type: 'string' },
  cost: { type: 'string' },
  input: { type: 'string' },
  'goal-type': { type: 'string' },
  target: { type: 'string' },
  description: { type: 'string' },
  amount: { type: 'string' },
  choices: { type: 'string' },
  choice: { type: 'string' },
  votes: { type: 'string' },
  outcomes: { type: 'string' },
  outcome: { type: 'string' },
  points: { type: 'string' },
} as const;

type Values = Partial<Record<keyof typeof OPTIONS, string | boolean>>;

/** Turns the words after `npm run trigger --` into one control API request. */
export function parseTriggerArguments(argv: readonly string[]): TriggerCommand {
  let parsed: { values: Values; positionals: string[] };
  try {
    parsed = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    }) as typeof parsed;
  } catch (error) {
    throw new TriggerUsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return { kind: 'help' };
  const port = values.port === undefined ? undefined : whole('port', values.port, 1, 65535);
  const [command, ...rest] = positionals;

  if (command === 'fault') return { ...faultRequest(rest, values), port };
  if (command === 'viewers') {
    const count = whole('viewers', rest[0] ?? values.viewers, 0, 10_000_000);
    return {
      kind: 'request',
      method: 'POST',
      path: '/viewers',
      body: { count, broadcaster: values.broadcaster },
      port,
    };
  }
  if (command === 'token') {
    return {
      kind: 'request',
      method: 'POST',
      path: '/tokens',
      body: { user: values.user, scopes: values.scopes },
      port,
    };
  }
  if (command === 'device') {
    const [decision, userCode] = rest;
    if ((decision !== 'approve' && decision !== 'deny') || !userCode) {
      throw new TriggerUsageError('Use `device approve <code>` or `device deny <code>`.');
    }
    return {
      kind: 'request',
      method: 'POST',
      path: `/device/${decision}`,
      body: { userCode, user: values.user },
      port,
    };
  }
  if (command === 'state') return { kind: 'request', method: 'GET', path: '/state', port };

  const type =
    EVENT_ALIASES[command] ??
    (SIMULATED_EVENT_TYPES as readonly string[]).find((t) => t === command);
  if (!type) {
    throw new TriggerUsageError(
      `Unknown event "${command}". Events: ${SIMULATED_EVENT_TYPES.join(', ')} (or ${Object.keys(EVENT_ALIASES).join(', ')}); faults: fault <name>.`,
    );
  }
  if (rest.length > 0) throw new TriggerUsageError(`Unexpected "${rest.join(' ')}" after ${type}.`);
  if (
    values.duplicate !== undefined &&
    values.duplicate !== 'same-id' &&
    values.duplicate !== 'new-id'
  ) {
    throw new TriggerUsageError('--duplicate must be same-id or new-id.');
  }
  return {
    kind: 'request',
    method: 'POST',
    path: `/trigger/${type}`,
    body: {
      user: values.user,
      broadcaster: values.broadcaster,
      tier: values.tier,
      gift: values.gift,
      total: optionalWhole('total', values.total),
      anonymous: values.anonymous,
      bits: optionalWhole('bits', values.bits),
      message: values.message,
      viewers: optionalWhole('viewers', values.viewers),
      title: values.title,
      game: values.game,
      reward: values.reward,
      cost: optionalWhole('cost', values.cost),
      input: values.input,
      goalType: values['goal-type'],
      target: optionalWhole('target', values.target),
      description: values.description,
      amount: optionalWhole('amount', values.amount),
      choices: values.choices,
      choice: values.choice,
      votes: optionalWhole('votes', values.votes),
      outcomes: values.outcomes,
      outcome: values.outcome,
      points: optionalWhole('points', values.points),
      seconds: optionalWhole('seconds', values.seconds),
      status: values.status,
      duplicate: values.duplicate,
    },
    port,
  };
}

function faultRequest(
  rest: string[],
  values: Values,
): Omit<Extract<TriggerCommand, { kind: 'request' }>, 'port'> {
  const [name, ...extra] = rest;
  if (!name || !(name in FAULTS)) {
    throw new TriggerUsageError(
      `Unknown fault "${name ?? ''}". Faults: ${Object.keys(FAULTS).join(', ')}.`,
    );
  }
  if (extra.length > 0)
    throw new TriggerUsageError(`Unexpected "${extra.join(' ')}" after fault ${name}.`);
  const allowed = new Set([...FAULTS[name], 'port', 'help']);
  const stray = Object.keys(values).filter((key) => !allowed.has(key));
  if (stray.length > 0) {
    throw new TriggerUsageError(`fault ${name} does not take --${stray.join(', --')}.`);
  }
  if (name === 'close' && values.code === undefined) {
    throw new TriggerUsageError('fault close needs --code, e.g. --code 4000.');
  }
  if (name === 'outage' && values.seconds === undefined) {
    throw new TriggerUsageError('fault outage needs --seconds, e.g. --seconds 20.');
  }
  if (name === 'helix' && values.status === undefined && values.delay === undefined) {
    throw new TriggerUsageError(
      'fault helix needs --status and/or --delay, e.g. --endpoint streams --status 429.',
    );
  }
  const body: Record<string, unknown> = {
    session: values.session,
    code: optionalWhole('code', values.code),
    reason: values.reason,
    newMessageId: values['new-id'],
    endpoint: values.endpoint,
    status: name === 'revoke-subscription' ? values.status : optionalWhole('status', values.status),
    delayMs: optionalWhole('delay', values.delay),
    count: optionalWhole('count', values.count),
    resetSeconds: optionalWhole('reset', values.reset),
    id: values.id,
    type: values.type,
    user: values.user,
    seconds: optionalSeconds(values.seconds),
  };
  return { kind: 'request', method: 'POST', path: `/faults/${name}`, body };
}

/** A positive number of seconds (fractions allowed), or undefined when absent. */
function optionalSeconds(raw: string | boolean | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || value <= 0) {
    throw new TriggerUsageError(`--seconds must be a number above 0, not "${String(raw)}".`);
  }
  return value;
}

function optionalWhole(name: string, raw: string | boolean | undefined): number | undefined {
  return raw === undefined ? undefined : whole(name, raw, 0, Number.MAX_SAFE_INTEGER);
}

function whole(name: string, raw: string | boolean | undefined, min: number, max: number): number {
  const value = Number(raw);
  if (
    typeof raw !== 'string' ||
    raw.trim() === '' ||
    !Number.isInteger(value) ||
    value < min ||
    value > max
  ) {
    throw new TriggerUsageError(
      `--${name} must be a whole number from ${min} to ${max}, not "${String(raw ?? '')}".`,
    );
  }
  return value;
}
