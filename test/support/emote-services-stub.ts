import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A 1 × 1 PNG: what the stub's CDNs serve for every emote they know. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The third-party emotes the stub knows: their code, per service and channel or global. */
export const STUB_EMOTES = {
  '7tv': { global: 'EZ', channel: 'catJAM' },
  bttv: { global: 'FeelsBirthdayMan', channel: 'monkaS', shared: 'PepeHands' },
  ffz: { global: 'ZreknarF', channel: 'OMEGALUL' },
} as const;

/** What each service's API answers, in its own shape, with a hostile entry or two it must drop. */
function answers(channelId: string): Record<string, unknown> {
  return {
    '/7tv/emote-sets/global': {
      id: 'global',
      emotes: [
        { id: '01GLOBAL7TV', name: STUB_EMOTES['7tv'].global, data: { animated: false } },
        { id: '../../evil', name: 'EvilPath' },
      ],
    },
    [`/7tv/users/twitch/${channelId}`]: {
      id: 'u1',
      emote_set: {
        emotes: [
          { id: '01CHANNEL7TV', name: STUB_EMOTES['7tv'].channel, data: { animated: true } },
          { id: 'javascript:alert(1)', name: 'EvilScheme' },
        ],
      },
    },
    '/bttv/cached/emotes/global': [
      { id: '54fa8f1401e468494b85b537', code: STUB_EMOTES.bttv.global, animated: false },
    ],
    [`/bttv/cached/users/twitch/${channelId}`]: {
      channelEmotes: [{ id: '56e9f494fff3cc5c35e5287e', code: STUB_EMOTES.bttv.channel }],
      sharedEmotes: [{ id: '59f27b3f4ebd8047f54dee29', code: STUB_EMOTES.bttv.shared }],
    },
    '/ffz/set/global': {
      default_sets: [3],
      sets: {
        '3': { emoticons: [{ id: 28138, name: STUB_EMOTES.ffz.global }] },
        '4': { emoticons: [{ id: 1, name: 'NotADefaultSet' }] },
      },
    },
    [`/ffz/room/id/${channelId}`]: {
      room: { set: 999 },
      sets: { '999': { emoticons: [{ id: 128054, name: STUB_EMOTES.ffz.channel }] } },
    },
  };
}

/** Image paths on the stub's CDNs: an id of letters, digits, `_` and `-`, and a size. */
const IMAGE =
  /^\/(7tv-cdn\/[A-Za-z0-9_-]+\/[124]x\.webp|bttv-cdn\/[A-Za-z0-9_-]+\/[123]x|ffz-cdn\/[A-Za-z0-9_-]+\/(animated\/)?[124])$/;

/**
 * 7TV, BetterTTV and FrankerFaceZ on loopback: their public APIs (answering for `channelId`,
 * with CORS, as theirs do) and image CDNs, at `/<service>` and `/<service>-cdn`. Counts what it
 * was asked for.
 */
export class EmoteServicesStub {
  readonly requests: string[] = [];
  private server: Server | null = null;

  private constructor(private readonly channelId: string) {}

  /** Starts on a free loopback port. */
  static async start(channelId: string): Promise<EmoteServicesStub> {
    const stub = new EmoteServicesStub(channelId);
    const routes = answers(channelId);
    stub.server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://stub').pathname;
      stub.requests.push(path);
      response.setHeader('Access-Control-Allow-Origin', '*');
      if (path in routes) {
        response.writeHead(200, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify(routes[path]));
      } else if (IMAGE.test(path)) {
        response.writeHead(200, { 'Content-Type': 'image/png' });
        response.end(PNG);
      } else {
        response.writeHead(404, { 'Content-Type': 'application/json' });
        response.end('{"message":"not found"}');
      }
    });
    await new Promise<void>((resolve) => stub.server!.listen(0, '127.0.0.1', resolve));
    return stub;
  }

  /** `http://127.0.0.1:PORT`. */
  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** The service's variables that point the chat box at this stub. */
  get environment(): Record<string, string> {
    const base = this.baseUrl;
    return {
      SEVENTV_API_URL: `${base}/7tv`,
      SEVENTV_CDN_URL: `${base}/7tv-cdn`,
      BTTV_API_URL: `${base}/bttv`,
      BTTV_CDN_URL: `${base}/bttv-cdn`,
      FFZ_API_URL: `${base}/ffz`,
      FFZ_CDN_URL: `${base}/ffz-cdn`,
    };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
