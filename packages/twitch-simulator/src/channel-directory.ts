import { ChannelState } from './channel-state.js';
import type { SimulatedUser } from './user-directory.js';

/** The channels that exist: one per broadcaster anything happened to. */
export class ChannelDirectory {
  private readonly channels = new Map<string, ChannelState>();

  /** The channel of `broadcaster`, created on first use. */
  of(broadcaster: SimulatedUser): ChannelState {
    let channel = this.channels.get(broadcaster.id);
    if (!channel) {
      channel = new ChannelState(broadcaster);
      this.channels.set(broadcaster.id, channel);
    }
    return channel;
  }

  /** Every channel. */
  all(): ChannelState[] {
    return [...this.channels.values()];
  }
}
