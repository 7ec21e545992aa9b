import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { LogCapture } from '../support/log-capture.js';
import { pngImage, tempMediaDir, writeMedia } from '../support/media-files.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('the media folder (/media/<file>, /api/media)', () => {
  let service: TestApp;
  let media: string;

  beforeAll(async () => {
    media = tempMediaDir();
    writeMedia(media, 'party.png', pngImage(8, 8, [255, 0, 0]));
    mkdirSync(join(media, 'sounds'));
    writeMedia(join(media, 'sounds'), 'horn.mp3', 'ID3 not really a sound');
    writeMedia(media, 'notes.txt', 'not media');
    writeMedia(media, '.hidden.png', pngImage(8, 8, [0, 0, 0]));
    // A secret beside the folder, and a link inside it that points there.
    writeFileSync(join(media, '..', `${media.split('/').pop()}-secret.png`), 'secret');
    symlinkSync(join(media, '..', `${media.split('/').pop()}-secret.png`), join(media, 'link.png'));
    service = await startTestApp({ MEDIA_DIR: media });
  });

  afterAll(async () => {
    await service?.close();
  });

  const get = (path: string) => fetch(`${service.baseUrl}${path}`);

  /** A GET with the path exactly as written (fetch would resolve `..` and `%2E%2E` itself). */
  const rawGet = (path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(service.baseUrl);
      const req = request({ host: url.hostname, port: url.port, path }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });

  it('serves a file of the folder, and one in a subfolder, with its type', async () => {
    const image = await get('/media/party.png');
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(
      Buffer.from(await image.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    const sound = await get('/media/sounds/horn.mp3');
    expect(sound.status).toBe(200);
    expect(sound.headers.get('content-type')).toBe('audio/mpeg');
  });

  it.each([
    ['/media/..%2F..%2Fetc%2Fpasswd.png'],
    ['/media/%2E%2E/secret.png'],
    ['/media/sounds/../../secret.png'],
    ['/media/sounds/..%2F..%2Fsecret.png'],
    ['/media/%2Fetc%2Fhostname.png'],
    ['/media/link.png'],
    ['/media/.hidden.png'],
    ['/media/notes.txt'],
  ])('refuses %s with 400 and says what to send', async (path) => {
    const response = await rawGet(path);
    expect(response.status).toBe(400);
    const body = JSON.parse(response.body) as { message: string };
    expect(body.message).toMatch(/inside the media folder|not an image, video or sound/);
  });

  it('answers 404 for a file that is not there, naming the file but not the folder (the log has that)', async () => {
    const logs = new LogCapture().start();
    let message: string;
    try {
      const response = await get('/media/nothing.gif');
      expect(response.status).toBe(404);
      message = ((await response.json()) as { message: string }).message;
    } finally {
      logs.stop();
    }
    expect(message).toContain('"nothing.gif"');
    expect(message).toContain('MEDIA_DIR');
    expect(message).not.toContain(media);
    expect(message).not.toContain(media.split('/').pop());
    expect(logs.output).toContain(`"nothing.gif", which is not in ${media} (MEDIA_DIR)`);
  });

  it('lists the media files for the URL builder, not hidden files, links or other files', async () => {
    const response = await get('/api/media');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ files: ['party.png', 'sounds/horn.mp3'] });
  });
});
