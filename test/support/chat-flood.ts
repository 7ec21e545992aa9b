import http from 'node:http';
import type { EventMessage, TwitchEventType } from '../../src/contract/sse-contract.js';
import type { EventBus } from '../../src/bus/event-bus.js';
import { SseTestClient } from './sse-client.js';

/** The chat types a chat box asks for. */
export const CHAT_BOX_EVENTS: readonly TwitchEventType[] = [
  'channel.chat.message',
  'channel.chat.message_delete',
  'channel.chat.clear_user_messages',
  'channel.chat.clear',
];

/** The alert types an alert box of the flood asks for. */
export const ALERT_BOX_EVENTS: readonly TwitchEventType[] = [
  'channel.follow',
  'channel.subscribe',
  'channel.cheer',
  'channel.raid',
];

/** What a flood published: the ids of its alerts and of its chat messages, in order. */
export interface Flood {
  readonly alerts: number[];
  readonly chat: number[];
}

const broadcaster = {
  broadcaster_user_id: '1000',
  broadcaster_user_login: 'streamer',
  broadcaster_user_name: 'Streamer',
};

/** A marker event of `type`, published by a test (never one of the flood's). */
export function marker(type: TwitchEventType): EventMessage {
  const data = type.startsWith('channel.chat.') ? chatMessage(-1) : alertData(type, -1);
  return { type: 'event', event: type, data: { ...data, marker: true } };
}

/** Whether `message` is an event of the flood (not a test's marker). */
export function isFloodEvent(message: EventMessage): boolean {
  return message.type === 'event' && message.data.marker !== true;
}

/** Chat message `n`, as Twitch sends it (its own `message_id`). */
export function chatMessage(n: number): Record<string, unknown> {
  return {
    ...broadcaster,
    chatter_user_id: String(5000 + (n % 300)),
    chatter_user_login: `chatter_${n % 300}`,
    chatter_user_name: `Chatter_${n % 300}`,
    message_id: `flood-${n}`,
    message: {
      text: `message ${n} Kappa`,
      fragments: [
        { type: 'text', text: `message ${n} `, cheermote: null, emote: null, mention: null },
        {
          type: 'emote',
          text: 'Kappa',
          cheermote: null,
          emote: { id: '25', emote_set_id: '0', owner_id: '0', format: ['static'] },
          mention: null,
        },
      ],
    },
    message_type: 'text',
    badges: [{ set_id: 'subscriber', id: '6', info: '6' }],
    cheer: null,
    color: '#1E90FF',
    reply: null,
    channel_points_custom_reward_id: null,
    source_broadcaster_user_id: null,
    source_broadcaster_user_login: null,
    source_broadcaster_user_name: null,
    source_message_id: null,
    source_badges: null,
  };
}

/** Alert `n` of a flood: follows, subs, cheers and raids in turn. */
function alert(n: number): { type: TwitchEventType; data: Record<string, unknown> } {
  const type = ALERT_BOX_EVENTS[n % ALERT_BOX_EVENTS.length]!;
  return { type, data: alertData(type, n) };
}

/** The event object of an alert of `type` by viewer `n`. */
function alertData(type: TwitchEventType, n: number): Record<string, unknown> {
  const user = { user_id: String(9000 + n), user_login: `fan_${n}`, user_name: `Fan_${n}` };
  switch (type) {
    case 'channel.follow':
      return { ...user, ...broadcaster, followed_at: new Date().toISOString() };
    case 'channel.subscribe':
      return { ...user, ...broadcaster, tier: '1000', is_gift: false };
    case 'channel.cheer':
      return { ...user, ...broadcaster, is_anonymous: false, message: 'Cheer100', bits: 100 };
    default:
      return {
        from_broadcaster_user_id: user.user_id,
        from_broadcaster_user_login: user.user_login,
        from_broadcaster_user_name: user.user_name,
        to_broadcaster_user_id: broadcaster.broadcaster_user_id,
        to_broadcaster_user_login: broadcaster.broadcaster_user_login,
        to_broadcaster_user_name: broadcaster.broadcaster_user_name,
        viewers: 10 + Math.abs(n),
      };
  }
}

/** A notification as it enters the service (`TwitchEventIngest.receive`). */
export type Receive = (notification: {
  type: TwitchEventType;
  data: Record<string, unknown>;
  messageId: string;
}) => void | Promise<void>;

/**
 * A busy day's chat through the service's entrance (`receive`: where EventSub's notifications
 * come in): `messages` chat messages, and an alert after every `every` of them.
 */
export async function floodChat(
  receive: Receive,
  { messages, every }: { messages: number; every: number },
): Promise<void> {
  let alerts = 0;
  for (let n = 0; n < messages; n++) {
    await receive({ type: 'channel.chat.message', data: chatMessage(n), messageId: `m-${n}` });
    if (n % every === every - 1) {
      const { type, data } = alert(alerts);
      await receive({ type, data, messageId: `a-${alerts++}` });
    }
    // A breath now and then, as between Twitch's frames: the log's background work (and, on
    // Redis, the lease's renewal) runs.
    if (n % 20 === 19) await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * What of a flood reached clients, as `bus` delivers it: the ids of its alerts and of its chat
 * messages, in order (the test's markers left out). `stop()` ends the recording.
 */
export function recordFlood(bus: EventBus): { flood: Flood; stop(): void } {
  const flood: Flood = { alerts: [], chat: [] };
  const subscription = bus.messages$.subscribe(({ id, message }) => {
    if (message.type !== 'event' || !isFloodEvent(message)) return;
    (message.event === 'channel.chat.message' ? flood.chat : flood.alerts).push(id);
  });
  return { flood, stop: () => subscription.unsubscribe() };
}

/** What a resuming client got: the event ids, and whether it was told its replay is incomplete. */
export interface Resumed {
  readonly ids: number[];
  readonly incomplete: boolean;
}

/**
 * Resumes a stream of `events` after `lastEventId` on `baseUrl`, as a browser's EventSource does
 * (`Last-Event-ID`), and says what it got up to a marker: once the stream is open, `mark()`
 * publishes an event of one of `events` and gives its id; what came before it is the replay.
 */
export async function resume(
  baseUrl: string,
  events: readonly TwitchEventType[],
  lastEventId: number,
  mark: (type: TwitchEventType) => number | Promise<number>,
): Promise<Resumed> {
  const client = await SseTestClient.connect(
    `${baseUrl}/api/twitch/stream?types=event,status&events=${events.join(',')}`,
    { 'Last-Event-ID': String(lastEventId) },
  );
  try {
    const marker = await mark(events[0]!);
    await client.waitFor(
      () => client.messages.some((m) => Number(m.id) === marker),
      60_000,
      `the marker ${marker}`,
    );
    const before = client.messages.filter((m) => Number(m.id) < marker);
    // (Markers of earlier resumes are left out: they are the test's, not the flood's.)
    const ids = before.filter((m) => isFloodEvent(m.json as EventMessage)).map((m) => Number(m.id));
    const incomplete = before.some((m) => {
      const json = m.json as { type: string; data: Record<string, unknown> };
      return json.type === 'status' && json.data.replay === 'incomplete';
    });
    return { ids, incomplete };
  } finally {
    await client.close();
  }
}

/** Every event of the flood in the history's pages (`GET /api/events`, newest first), oldest first. */
export async function history(
  baseUrl: string,
  query = '',
): Promise<{ id: number; message: EventMessage }[]> {
  const events: { id: number; message: EventMessage }[] = [];
  let next: string | null = `/api/events?limit=500${query ? `&${query}` : ''}`;
  while (next) {
    const page = (await getJson(`${baseUrl}${next}`)) as {
      events: { id: number; message: EventMessage }[];
      next: string | null;
    };
    events.push(...page.events.filter(({ message }) => isFloodEvent(message)));
    next = page.next;
  }
  return events.reverse();
}

/**
 * GETs `url` as JSON on a connection of its own, closed after the answer: a kept-alive connection
 * of `fetch`'s pool to an instance the test closes would keep the test's process alive.
 */
function getJson(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => {
          try {
            resolve(JSON.parse(body));
          } catch (error) {
            reject(error as Error);
          }
        });
      })
      .on('error', reject);
  });
}
