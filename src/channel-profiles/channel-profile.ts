/**
 * What the alert box shows of the other channel of a shoutout, answered by
 * `GET /api/twitch/channels/{id}` (Helix Get Users and Get Channel Information).
 */
export interface ChannelProfile {
  /**
   * The channel's broadcaster's user id.
   * @pattern ^\d{1,20}$
   */
  id: string;
  login: string;
  displayName: string;
  /** Helix's `profile_image_url`; null when Twitch gives none. */
  profileImageUrl: string | null;
  /** The category the channel streamed last (Get Channel Information's `game_name`); null when none. */
  gameName: string | null;
}
