import { knownBadgeImage } from './chat-badges.js';
import { CHEER_TIERS, CHEERMOTE_PREFIXES } from './cheermotes.js';
import { TwitchHttpError, type HttpExchange } from './http-exchange.js';
import { solidPng } from './png-image.js';
import { SIMULATED_EMOTES } from './simulated-emotes.js';

/** Twitch's emote CDN layout: `/emoticons/v2/<id>/<format>/<theme>/<scale>`. */
const EMOTE =
  /^\/emoticons\/v2\/([A-Za-z0-9_]+)\/(default|static|animated)\/(dark|light)\/(1\.0|2\.0|3\.0)$/;
/** Twitch's cheermote CDN layout: `/actions/<prefix>/<theme>/<kind>/<tier>/<scale>.<ext>`. */
const CHEERMOTE =
  /^\/actions\/([a-z]+)\/(dark|light)\/(animated|static)\/(\d+)\/(1|1\.5|2|3|4)\.(gif|png)$/;
/** Twitch's badge CDN layout: `/badges/v1/<id>/<1|2|3>` (18, 36 and 72 pixels). */
const BADGE = /^\/badges\/v1\/([a-z0-9_-]+)\/(1|2|3)$/;
/** The simulated charities' 100 × 100 logos. */
const CHARITY_LOGO = /^\/charity-logos\/[A-Za-z0-9-]+\/100\.png$/;

/** Twitch's profile image layout (a login where Twitch has a file id). */
const AVATAR = /^\/jtv_user_pictures\/([a-z0-9_]{1,25})-profile_image-300x300\.png$/;

/** Where the simulator serves `login`'s profile image (Helix `profile_image_url`, under its address). */
export function avatarPath(login: string): string {
  return `/jtv_user_pictures/${login}-profile_image-300x300.png`;
}

const EMOTE_COLOURS = ['#e8a33d', '#58b368', '#4f8ff7', '#c05fd6', '#e05a5a', '#3cc4c4'];

/**
 * The images events and Helix answers point at, served by the simulator itself so widgets can load
 * them in tests without a network: emotes (the simulator's, in Twitch's emote CDN layout, so a
 * client's emote base URL can point here), cheermotes (the layout of Twitch's cheermote CDN),
 * chat badges (the layout of Twitch's badge CDN),
 * charity logos and users' profile images (300 × 300, a colour of their login's). Each is a small PNG in one colour (a cheermote in its tier's), whatever the
 * extension; an unknown emote or tier is 404, as on the CDN.
 */
export class ImageRoutes {
  private readonly cache = new Map<string, Buffer>();

  /** Whether `path` is one of the image layouts served here. */
  serves(path: string): boolean {
    return (
      EMOTE.test(path) ||
      CHEERMOTE.test(path) ||
      BADGE.test(path) ||
      CHARITY_LOGO.test(path) ||
      AVATAR.test(path)
    );
  }

  /** Answers `GET` (or `HEAD`) of an image. */
  handle(exchange: HttpExchange, path: string): Promise<void> {
    if (exchange.method !== 'GET' && exchange.method !== 'HEAD') {
      throw new TwitchHttpError(405, 'Method Not Allowed');
    }
    const image = this.image(path);
    if (!image) throw new TwitchHttpError(404, `No image at ${path}`);
    exchange.sendBytes(200, 'image/png', image, {
      'Cache-Control': 'public, max-age=3600',
      'Access-Control-Allow-Origin': '*',
    });
    return Promise.resolve();
  }

  private image(path: string): Buffer | undefined {
    const emote = EMOTE.exec(path);
    if (emote) {
      const index = SIMULATED_EMOTES.findIndex((known) => known.id === emote[1]);
      const known = SIMULATED_EMOTES[index];
      if (!known || (emote[2] === 'animated' && !known.formats.includes('animated'))) return;
      return this.png(path, 28 * Number(emote[4]), EMOTE_COLOURS[index % EMOTE_COLOURS.length]);
    }
    const cheermote = CHEERMOTE.exec(path);
    if (cheermote) {
      const prefix = CHEERMOTE_PREFIXES.find((known) => known.toLowerCase() === cheermote[1]);
      const tier = CHEER_TIERS.find((known) => known.minBits === Number(cheermote[4]));
      if (!prefix || !tier) return;
      return this.png(path, Math.round(28 * Number(cheermote[5])), tier.color);
    }
    const badge = BADGE.exec(path);
    if (badge) {
      if (!knownBadgeImage(badge[1] ?? '')) return;
      const hue = [...(badge[1] ?? '')].reduce((sum, char) => sum + char.charCodeAt(0), 0);
      const size = [18, 36, 72][Number(badge[2]) - 1] ?? 18;
      return this.png(path, size, EMOTE_COLOURS[hue % EMOTE_COLOURS.length] ?? '#4f8ff7');
    }
    if (CHARITY_LOGO.test(path)) return this.png(path, 100, '#2e9e6b');
    const avatar = AVATAR.exec(path);
    if (avatar) {
      const login = avatar[1] ?? '';
      const hue = [...login].reduce((sum, char) => sum + char.charCodeAt(0), 0);
      return this.png(path, 300, EMOTE_COLOURS[hue % EMOTE_COLOURS.length] ?? '#4f8ff7');
    }
    return undefined;
  }

  private png(key: string, size: number, color: string): Buffer {
    let image = this.cache.get(key);
    if (!image) {
      image = solidPng(size, color);
      this.cache.set(key, image);
    }
    return image;
  }
}
