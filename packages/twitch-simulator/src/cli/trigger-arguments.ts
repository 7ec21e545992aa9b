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
  resub: 'channel.subscription.message',
  bits: 'channel.bits.use',
  'power-up': 'channel.bits.use',
  combo: 'channel.bits.use',
  'ad-break': 'channel.ad_break.begin',
  ad: 'channel.ad_break.begin',
  shoutout: 'channel.shoutout.create',
  'shoutout-receive': 'channel.shoutout.receive',
  'charity-start': 'channel.charity_campaign.start',
  'charity-donate': 'channel.charity_campaign.donate',
  donate: 'channel.charity_campaign.donate',
  'charity-progress': 'channel.charity_campaign.progress',
  'charity-stop': 'channel.charity_campaign.stop',
  chat: 'channel.chat.message',
  'chat-delete': 'channel.chat.message_delete',
  timeout: 'channel.chat.clear_user_messages',
  ban: 'channel.chat.clear_user_messages',
  'chat-clear': 'channel.chat.clear',
  notice: 'channel.chat.notification',
};

/** What a short name implies besides its type (`power-up` is a `channel.bits.use` of type power_up). */
const ALIAS_BITS_TYPES: Record<string, string> = { 'power-up': 'power_up', combo: 'combo' };

/** Faults and the options each takes (besides `--port`). */
const FAULTS: Record<string, readonly string[]> = {
  drop: ['session'],
  close: ['code', 'reason', 'session'],
  malformed: ['session'],
  redeliver: ['new-id'],
  'keepalive-stop': ['session'],
  'keepalive-resume': ['session'],
  reconnect: ['session'],
  delay: ['delay', 'session'],
  outage: ['seconds'],
  'outage-end': [],
  helix: ['endpoint', 'status', 'delay', 'count', 'reset'],
  'helix-clear': ['endpoint'],
  'revoke-subscription': ['id', 'type', 'status'],
  'revoke-refresh': ['user'],
  'revoke-token': ['user'],
  'expire-token': ['user'],
};

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
  months: { type: 'string' },
  streak: { type: 'string' },
  'hide-streak': { type: 'boolean' },
  duration: { type: 'string' },
  'power-up': { type: 'string' },
  emote: { type: 'string' },
  effect: { type: 'string' },
  automatic: { type: 'boolean' },
  currency: { type: 'string' },
  charity: { type: 'string' },
  'message-id': { type: 'string' },
  'reply-to': { type: 'string' },
  source: { type: 'string' },
  notice: { type: 'string' },
  prime: { type: 'boolean' },
  color: { type: 'string' },
  recipient: { type: 'string' },
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
      months: optionalWhole('months', values.months),
      streak: optionalWhole('streak', values.streak),
      hideStreak: values['hide-streak'],
      duration: optionalWhole('duration', values.duration),
      bitsType: values.type ?? ALIAS_BITS_TYPES[command],
      powerUp: values['power-up'],
      emote: values.emote,
      effect: values.effect,
      automatic: values.automatic,
      currency: values.currency,
      charity: values.charity,
      messageId: values['message-id'],
      replyTo: values['reply-to'],
      source: values.source,
      notice: values.notice,
      prime: values.prime,
      color: values.color,
      recipient: values.recipient,
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
  if (name === 'delay' && values.delay === undefined) {
    throw new TriggerUsageError('fault delay needs --delay <ms>, e.g. --delay 500 (0 ends it).');
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
