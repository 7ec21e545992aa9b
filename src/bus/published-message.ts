import type { StreamMessage } from '../contract/sse-contract.js';

/** A message as the bus published it: its global id, and its JSON text made once for all clients. */
export interface PublishedMessage {
  readonly id: number;
  readonly message: StreamMessage;
  /** `JSON.stringify(message)`, computed once at publish time. */
  readonly json: string;
  /** When it was published (`performance.now()`, milliseconds): where delivery lag is measured from. */
  readonly publishedAt: number;
  /**
   * When the frame it came from arrived from Twitch (`performance.now()`), for messages made from
   * an EventSub notification: where ingest latency is measured from.
   */
  readonly receivedAt?: number;
}
