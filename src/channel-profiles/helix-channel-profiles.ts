import { Injectable } from '@nestjs/common';
import { TwitchSession } from '../twitch/twitch-session.js';
import type { ChannelProfile } from './channel-profile.js';
import { ChannelProfileSource, NoTwitchSessionError } from './channel-profile-source.js';

/**
 * Reads a channel's profile through the broadcaster's Twurple `ApiClient`: Helix Get Users (name,
 * avatar) and Get Channel Information (last game), two requests, neither needing a scope.
 */
@Injectable()
export class HelixChannelProfiles extends ChannelProfileSource {
  constructor(private readonly twitch: TwitchSession) {
    super();
  }

  async read(id: string): Promise<ChannelProfile | null> {
    const state = this.twitch.current;
    if (state.state !== 'ok') {
      throw new NoTwitchSessionError(
        'detail' in state ? state.detail : 'The service is still connecting to Twitch.',
      );
    }
    const { apiClient, userId } = state.session;
    const [user, channel] = await apiClient.asUser(userId, (ctx) =>
      Promise.all([ctx.users.getUserById(id), ctx.channels.getChannelInfoById(id)]),
    );
    if (!user) return null;
    return {
      id: user.id,
      login: user.name,
      displayName: user.displayName,
      profileImageUrl: user.profilePictureUrl || null,
      gameName: channel?.gameName || null,
    };
  }
}
