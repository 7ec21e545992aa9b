/**
 * The JSON of the chat box's routes, shared by the server and the widgets (which are checked
 * against these types). Types only: the widgets import nothing at run time from here.
 */

/** One version of a chat badge and its images (channel versions replace global ones). */
export interface ChatBadgeImage {
  /**
   * The badge set, as messages name it (`subscriber`, `moderator`, …).
   * @pattern ^[A-Za-z0-9_-]{1,64}$
   */
  set_id: string;
  /**
   * The version in the set (`1`, or a subscriber badge's months).
   * @pattern ^[A-Za-z0-9_-]{1,64}$
   */
  id: string;
  /** What the badge is called: the chat box's text when its image cannot be shown. */
  title: string;
  /** The image at 18 px (http or https). */
  image_url_1x: string;
  /** The image at 36 px. */
  image_url_2x: string;
  /** The image at 72 px. */
  image_url_4x: string;
}

/**
 * `GET /api/twitch/chat-badges`: the chat badges of Twitch and of the channel, to draw the badges
 * that chat messages name by `set_id` and `id`.
 * @example {"badges": [{"set_id": "moderator", "id": "1", "title": "Moderator", "image_url_1x": "https://static-cdn.jtvnw.net/badges/v1/3267646d-33f0-4b17-b3df-f923a41db1d0/1", "image_url_2x": "https://static-cdn.jtvnw.net/badges/v1/3267646d-33f0-4b17-b3df-f923a41db1d0/2", "image_url_4x": "https://static-cdn.jtvnw.net/badges/v1/3267646d-33f0-4b17-b3df-f923a41db1d0/3"}], "updatedAt": "2026-12-06T12:00:00.000Z"}
 */
export interface ChatBadgesResponse {
  /** Every badge version, one per set and id: the channel's where it has its own, else Twitch's. */
  badges: ChatBadgeImage[];
  /** When they were read (ISO 8601); null before the first good read. */
  updatedAt: string | null;
}

/** Where one third-party emote service is asked (its API) and its images loaded (its CDN). */
export interface EmoteServiceUrls {
  /** The service's public API, without a trailing slash. */
  api: string;
  /** Its image CDN, without a trailing slash: images are `<cdn>/<id>/<size>`. */
  cdn: string;
}

/**
 * `GET /api/twitch/chat-emotes`: what the chat box needs to load the channel's third-party emotes
 * (7TV, BetterTTV, FrankerFaceZ) when its options ask for them. The browser asks each service.
 * @example {"channelId": "141981764", "services": {"7tv": {"api": "https://7tv.io/v3", "cdn": "https://cdn.7tv.app/emote"}, "bttv": {"api": "https://api.betterttv.net/3", "cdn": "https://cdn.betterttv.net/emote"}, "ffz": {"api": "https://api.frankerfacez.com/v1", "cdn": "https://cdn.frankerfacez.com/emote"}}}
 */
export interface ChatEmotesResponse {
  /** The broadcaster's Twitch user id, whose emotes to ask for; null while signed out. */
  channelId: string | null;
  /** Each service's URLs (`SEVENTV_API_URL`, `BTTV_API_URL`, `FFZ_API_URL` and their CDNs). */
  services: {
    '7tv': EmoteServiceUrls;
    bttv: EmoteServiceUrls;
    ffz: EmoteServiceUrls;
  };
}
