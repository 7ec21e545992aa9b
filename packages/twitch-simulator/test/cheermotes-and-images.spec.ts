import { SimulatorFixture } from './support/simulator-fixture.js';

/** Width and height from a PNG's IHDR chunk, or null when the bytes are no PNG. */
function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) return null;
  if (bytes.subarray(12, 16).toString('ascii') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

async function image(url: string): Promise<{ status: number; type: string | null; bytes: Buffer }> {
  const response = await fetch(url);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe('cheermotes (Helix bits/cheermotes) and the images the simulator serves', () => {
  let fx: SimulatorFixture;

  beforeAll(async () => {
    fx = await SimulatorFixture.start({ keepaliveSeconds: 60, pingIntervalMs: 0 });
  });

  afterAll(async () => {
    await fx.stop();
  });

  it('lists Cheer with its five tiers, colours and image URLs under the simulator', async () => {
    const answer = await fx.api('/mock/bits/cheermotes?broadcaster_id=1000');
    expect(answer.status).toBe(200);
    expect(answer.json.data).toHaveLength(1);
    const [cheer] = answer.json.data;
    expect(cheer).toMatchObject({
      prefix: 'Cheer',
      type: 'global_first_party',
      order: 1,
      last_updated: expect.any(String),
      is_charitable: false,
    });
    expect(
      cheer.tiers.map((t: { min_bits: number; id: string; color: string }) => [
        t.min_bits,
        t.id,
        t.color,
      ]),
    ).toEqual([
      [1, '1', '#979797'],
      [100, '100', '#9c3ee8'],
      [1000, '1000', '#1db2a5'],
      [5000, '5000', '#0099fe'],
      [10000, '10000', '#f43021'],
    ]);
    const tier = cheer.tiers[1];
    expect(tier).toMatchObject({ can_cheer: true, show_in_bits_card: true });
    expect(Object.keys(tier.images)).toEqual(['dark', 'light']);
    expect(Object.keys(tier.images.dark)).toEqual(['animated', 'static']);
    expect(Object.keys(tier.images.dark.animated).sort()).toEqual(['1', '1.5', '2', '3', '4']);
    expect(tier.images.light.static['1.5']).toBe(
      `${fx.sim.baseUrl}/actions/cheer/light/static/100/1.5.png`,
    );

    const served = await image(tier.images.dark.animated['2']);
    expect(served.status).toBe(200);
    expect(served.type).toBe('image/png');
    expect(pngSize(served.bytes)).toEqual({ width: 56, height: 56 });
  });

  it('needs a token, like every Helix endpoint', async () => {
    expect((await fx.api('/mock/bits/cheermotes', { token: null })).status).toBe(401);
  });

  it("serves the simulator's emotes in Twitch's emote CDN layout, and 404 for others", async () => {
    const base = `${fx.sim.baseUrl}/emoticons/v2`;
    const kappa = await image(`${base}/25/default/dark/3.0`);
    expect(kappa.status).toBe(200);
    expect(pngSize(kappa.bytes)).toEqual({ width: 84, height: 84 });
    const animated = await image(
      `${base}/emotesv2_5d523adb8bbb4786821cd7091e47da21/animated/light/1.0`,
    );
    expect(animated.status).toBe(200);
    // Kappa has no animated version; an emote the simulator does not know is not there either.
    expect((await image(`${base}/25/animated/dark/1.0`)).status).toBe(404);
    expect((await image(`${base}/999999/default/dark/1.0`)).status).toBe(404);
    expect((await image(`${fx.sim.baseUrl}/actions/cheer/dark/static/7/1.png`)).status).toBe(404);
  });
});
