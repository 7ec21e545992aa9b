import type { StreamMessage } from '../contract/sse-contract.js';

/** A message as the bus published it: its global id, and its JSON text made once for all clients. */
export interface PublishedMessage {
  readonly id: number;
  readonly message: StreamMessage;
  /** `JSON.stringify(message)`, computed once at publish time. */
  readonly json: string;
}
