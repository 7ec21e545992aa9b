import type { ChannelProfile } from './channel-profile.js';

/** Where channel profiles come from: Helix in the service, a fake in unit tests. */
export abstract class ChannelProfileSource {
  /** The profile of the channel with this user id; null when Twitch knows no such user. */
  abstract read(id: string): Promise<ChannelProfile | null>;
}

/** Thrown when there is no Twitch session to ask (signed out, or another instance leads). */
export class NoTwitchSessionError extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'NoTwitchSessionError';
  }
}
