import { MAX_LAYERS, overlayUrl, parseLayer } from './overlay-layers.js';

const ORIGIN = 'http://127.0.0.1:3000';

describe('overlay layers', () => {
  it('reads a widget page of this service with its place and its options', () => {
    expect(
      parseLayer(
        '10,20,1000,400,/widgets/alerts?duration=5&events=channel.follow,channel.raid',
        ORIGIN,
      ),
    ).toEqual({
      layer: {
        x: 10,
        y: 20,
        width: 1000,
        height: 400,
        path: '/widgets/alerts?duration=5&events=channel.follow,channel.raid',
      },
    });
  });

  it.each([
    ['javascript:alert(1)'],
    ['https://example.com/widgets/alerts'],
    ['//example.com/widgets/alerts'],
    ['/\\example.com/widgets/alerts'],
    ['http://127.0.0.1:3000/widgets/alerts'],
    ['/widgets/dashboard'],
    ['/widgets/overlay?layer=0,0,1,1,/widgets/stats'],
    ['/api/twitch/stream'],
    ['/widgets/../api/health'],
    ['/widgets/alerts"><img src=x onerror=alert(1)>'],
  ])('refuses %s: only a widget page of this service, given as a path, is a layer', (address) => {
    expect(parseLayer(`0,0,10,10,${address}`, ORIGIN)).toHaveProperty('error');
  });

  it.each([
    ['-1,0,10,10'],
    ['0,0,0,10'],
    ['0,0,99999,10'],
    ['a,0,10,10'],
    ['0,0,10'],
    ['1.5,0,10,10'],
  ])('refuses a place that is not whole pixels on a canvas (%s)', (place) => {
    expect(parseLayer(`${place},/widgets/stats`, ORIGIN)).toHaveProperty('error');
  });

  it('writes the URL the overlay page reads back', () => {
    const layers = [
      { x: 0, y: 0, width: 1000, height: 400, path: '/widgets/alerts?duration=5' },
      { x: 0, y: 400, width: 1000, height: 80, path: '/widgets/stats' },
    ];
    const url = new URL(overlayUrl(ORIGIN, layers));
    expect(url.pathname).toBe('/widgets/overlay');
    expect(url.searchParams.getAll('layer').map((text) => parseLayer(text, ORIGIN))).toEqual(
      layers.map((layer) => ({ layer })),
    );
    expect(MAX_LAYERS).toBeGreaterThan(8);
  });
});
