import type { PublishedMessage } from '../bus/published-message.js';
import type { StreamMessage } from '../contract/sse-contract.js';
import type { LeaderRequests } from './leader-requests.js';

// How a message published on a follower (the dashboard's actions there) reaches the shared log:
// the follower hands it to the leader, the only instance that appends.

/** Lets this instance, while it leads, append the messages followers hand it (`relayToLeader`). */
export function takeRelayedMessages(
  leaderRequests: LeaderRequests,
  append: (message: StreamMessage) => PublishedMessage,
): void {
  leaderRequests.handle('publish', (request) => {
    const message = request['message'] as StreamMessage;
    return { id: append(message).id };
  });
}

/**
 * Hands `message` to the leader; resolves to it as the leader published it (rejects, 503, when no
 * instance leads).
 */
export async function relayToLeader(
  leaderRequests: LeaderRequests,
  message: StreamMessage,
): Promise<PublishedMessage> {
  const { id } = (await leaderRequests.ask({ kind: 'publish', message })) as { id: number };
  const json = JSON.stringify(message);
  return { id, message, json, publishedAt: performance.now() };
}
