import WebSocket from 'ws';

/** One EventSub message as received. */
export interface ReceivedMessage {
  metadata: {
    message_id: string;
    message_type: string;
    message_timestamp: string;
    subscription_type?: string;
    subscription_version?: string;
  };
  payload: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** When it arrived (Date.now()). */
  receivedAt: number;
}

/** How the socket closed. */
export interface CloseInfo {
  code: number;
  reason: string;
}

/**
 * A plain WebSocket client for protocol tests (deliberately not Twurple): records every frame,
 * parsed or not, and how the socket closed; tests wait for conditions instead of sleeping.
 */
export class EventSubTestClient {
  readonly messages: ReceivedMessage[] = [];
  readonly rawFrames: string[] = [];
  closed: CloseInfo | null = null;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const text = data.toString();
      this.rawFrames.push(text);
      try {
        this.messages.push({
          ...(JSON.parse(text) as Omit<ReceivedMessage, 'receivedAt'>),
          receivedAt: Date.now(),
        });
      } catch {
        // malformed frames stay in rawFrames only
      }
    });
    socket.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() };
    });
    socket.on('error', () => undefined);
  }

  /** Opens `url`; resolves once the connection is open (or closed straight away). */
  static connect(url: string, options: WebSocket.ClientOptions = {}): Promise<EventSubTestClient> {
    const socket = new WebSocket(url, options);
    const client = new EventSubTestClient(socket);
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(client));
      socket.once('close', () => resolve(client));
      socket.once('error', (error) => {
        if (socket.readyState !== WebSocket.CLOSED) reject(error);
      });
    });
  }

  /** Messages of one type. */
  ofType(type: string): ReceivedMessage[] {
    return this.messages.filter((m) => m.metadata.message_type === type);
  }

  /** Resolves when `predicate` holds, or throws after `timeoutMs` saying what was awaited. */
  async waitFor(predicate: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(
          `Timed out waiting for ${what}; closed=${JSON.stringify(this.closed)} frames=${JSON.stringify(this.rawFrames).slice(0, 1500)}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Waits for the welcome and returns the session id. */
  async welcome(): Promise<string> {
    await this.waitFor(() => this.ofType('session_welcome').length > 0, 'session_welcome');
    return this.ofType('session_welcome')[0].payload.session.id as string;
  }

  /** Waits for `count` messages of `type` in all. */
  async waitForType(type: string, count = 1, timeoutMs?: number): Promise<ReceivedMessage[]> {
    await this.waitFor(() => this.ofType(type).length >= count, `${count} × ${type}`, timeoutMs);
    return this.ofType(type);
  }

  /** Waits for the socket to close and says how. */
  async waitForClose(timeoutMs?: number): Promise<CloseInfo> {
    await this.waitFor(() => this.closed !== null, 'the socket to close', timeoutMs);
    return this.closed as CloseInfo;
  }

  /** Ends the connection at once (safe to call twice). */
  terminate(): void {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.terminate();
  }
}
