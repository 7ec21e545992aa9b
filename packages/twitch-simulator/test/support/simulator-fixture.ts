import type { MintedUserToken } from '../../src/simulator-types.js';
import type { TwitchSimulatorOptions } from '../../src/simulator-options.js';
import { TwitchSimulator } from '../../src/twitch-simulator.js';
import { EventSubTestClient } from './eventsub-test-client.js';

/** An API answer; `json` is loosely typed because tests assert on its shape. */
export interface ApiResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Resolves when `predicate` holds (polling), or throws after `timeoutMs`. */
export async function eventually(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A started simulator plus what protocol tests keep needing: a broadcaster token, WebSocket
 * clients that are all closed at the end, and Helix calls with the right headers.
 */
export class SimulatorFixture {
  readonly clients: EventSubTestClient[] = [];
  token!: MintedUserToken;

  private constructor(readonly sim: TwitchSimulator) {}

  /** Starts a simulator on a free port with fast-test options. */
  static async start(options: TwitchSimulatorOptions = {}): Promise<SimulatorFixture> {
    const fixture = new SimulatorFixture(new TwitchSimulator(options));
    await fixture.sim.start({ port: 0 });
    fixture.token = fixture.sim.mintUserToken();
    return fixture;
  }

  /** Connects a WebSocket client (`query` is appended to `/ws`). */
  async connect(query = ''): Promise<EventSubTestClient> {
    const client = await EventSubTestClient.connect(`${this.sim.socketUrl}${query}`);
    this.clients.push(client);
    return client;
  }

  /** Connects and waits for the welcome; returns the client and its session id. */
  async session(query = ''): Promise<{ client: EventSubTestClient; sessionId: string }> {
    const client = await this.connect(query);
    return { client, sessionId: await client.welcome() };
  }

  /** A Helix or EventSub API call with the broadcaster's token (override with `token`/`clientId`). */
  async api(
    path: string,
    init: { method?: string; body?: unknown; token?: string | null; clientId?: string | null } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    const token = init.token === undefined ? this.token.accessToken : init.token;
    const clientId = init.clientId === undefined ? this.sim.clientId : init.clientId;
    if (token !== null) headers.Authorization = `Bearer ${token}`;
    if (clientId !== null) headers['Client-Id'] = clientId;
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    const response = await fetch(`${this.sim.baseUrl}${path}`, {
      method: init.method ?? 'GET',
      headers,
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      json: text ? JSON.parse(text) : undefined,
    };
  }

  /** Subscribes `sessionId` to `type` for the default broadcaster, with that broadcaster's condition. */
  subscribe(
    sessionId: string,
    type: string,
    options: { version?: string; condition?: Record<string, string>; token?: string } = {},
  ): Promise<ApiResponse> {
    const id = this.sim.broadcaster.id;
    const defaults: Record<string, { version: string; condition: Record<string, string> }> = {
      'channel.follow': {
        version: '2',
        condition: { broadcaster_user_id: id, moderator_user_id: id },
      },
      'channel.raid': { version: '1', condition: { to_broadcaster_user_id: id } },
      'channel.shoutout.create': {
        version: '1',
        condition: { broadcaster_user_id: id, moderator_user_id: id },
      },
      'channel.shoutout.receive': {
        version: '1',
        condition: { broadcaster_user_id: id, moderator_user_id: id },
      },
      'channel.hype_train.begin': { version: '2', condition: { broadcaster_user_id: id } },
      'channel.hype_train.progress': { version: '2', condition: { broadcaster_user_id: id } },
      'channel.hype_train.end': { version: '2', condition: { broadcaster_user_id: id } },
    };
    // The chat types read a chat as a user: the broadcaster reads their own.
    const chat = { version: '1', condition: { broadcaster_user_id: id, user_id: id } };
    const fallback =
      defaults[type] ??
      (type.startsWith('channel.chat.')
        ? chat
        : { version: '1', condition: { broadcaster_user_id: id } });
    return this.api('/eventsub/subscriptions', {
      method: 'POST',
      token: options.token,
      body: {
        type,
        version: options.version ?? fallback.version,
        condition: options.condition ?? fallback.condition,
        transport: { method: 'websocket', session_id: sessionId },
      },
    });
  }

  /** Closes every client and stops the simulator. */
  async stop(): Promise<void> {
    for (const client of this.clients) client.terminate();
    await this.sim.stop();
  }
}
