import type { EventSubWsListener } from '@twurple/eventsub-ws';

/** What the guard reports. */
export interface FrameGuardHooks {
  /** Any frame arrived (keepalives included). */
  frameReceived(): void;
  /** A frame Twurple could not handle (e.g. not JSON); it was skipped. */
  frameRejected(frame: string, error: unknown): void;
}

/** The parts of Twurple's internals the guard touches (see `guardFrames`). */
interface ReceivingConnection {
  onReceive: unknown;
  emit(event: unknown, ...args: unknown[]): void;
}

const guarded = new WeakSet<object>();

/**
 * Makes the listener's socket for `userId` survive frames it cannot parse.
 *
 * Twurple 8's EventSub socket calls `JSON.parse` on every frame inside the WebSocket's message
 * handler; a malformed frame throws out of it and, uncaught, would end the whole process. Twurple
 * offers no hook for this, so the guard wraps the socket connection's `emit` of received frames:
 * a frame whose handling throws is reported and skipped, the others pass untouched. It also
 * timestamps every frame, which Twurple does not expose either. Returns false when Twurple's
 * internals are not shaped as expected (a Twurple upgrade changed them), so the caller can say so.
 */
export function guardFrames(
  listener: EventSubWsListener,
  userId: string,
  hooks: FrameGuardHooks,
): boolean {
  const sockets = (
    listener as unknown as { _sockets?: Map<string, { _connection?: ReceivingConnection }> }
  )._sockets;
  const connection = sockets?.get(userId)?._connection;
  if (!connection || typeof connection.emit !== 'function' || !connection.onReceive) return false;
  if (guarded.has(connection)) return true;
  guarded.add(connection);
  const emit = connection.emit.bind(connection);
  connection.emit = (event: unknown, ...args: unknown[]) => {
    if (event !== connection.onReceive) return emit(event, ...args);
    hooks.frameReceived();
    try {
      emit(event, ...args);
    } catch (error) {
      hooks.frameRejected(String(args[0]), error);
    }
  };
  return true;
}
