import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { modulePreloadHeader } from './module-preloads.js';
import { WIDGET_FILES_DIR } from './widget-files.js';

/** The URLs a `Link` header preloads. */
function preloaded(header: string): string[] {
  return header.split(', ').map((link) => {
    const match = /^<([^>]+)>; rel=modulepreload$/.exec(link);
    if (!match) throw new Error(`not a modulepreload link: ${link}`);
    return match[1]!;
  });
}

describe('modulePreloadHeader', () => {
  it('lists every module of a widget page at any depth, each once', () => {
    const urls = preloaded(modulePreloadHeader('alerts.html'));
    expect(urls[0]).toBe('/widgets/alerts.js');
    // Imported by alerts.js, by mount-widget.js, and by the stream code three levels down.
    for (const deep of [
      '/widgets/lib/mount-widget.js',
      '/widgets/lib/contract.js',
      '/widgets/lib/stream-hub.js',
    ]) {
      expect(urls).toContain(deep);
    }
    expect(new Set(urls).size).toBe(urls.length);
  });

  it('names only files that exist, or the contract module the server writes', () => {
    const pages = readdirSync(WIDGET_FILES_DIR).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const page of pages) {
      for (const url of preloaded(modulePreloadHeader(page))) {
        if (url === '/widgets/lib/contract.js') continue;
        expect([
          page,
          url,
          existsSync(join(WIDGET_FILES_DIR, url.slice('/widgets/'.length))),
        ]).toEqual([page, url, true]);
      }
    }
  });

  it('resolves the dashboard’s absolute script paths from where it is served', () => {
    const urls = preloaded(modulePreloadHeader('dashboard.html', '/'));
    expect(urls[0]).toBe('/widgets/dashboard/dashboard.js');
    expect(urls).toContain('/widgets/lib/widget-options.js');
  });

  it('leaves out the shared worker: it has a module graph of its own', () => {
    expect(preloaded(modulePreloadHeader('alerts.html'))).not.toContain(
      '/widgets/lib/stream-hub-worker.js',
    );
  });
});
