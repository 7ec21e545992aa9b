import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WIDGET_FILES_DIR } from './widget-files.js';

/** A page's module scripts: `<script type="module" src="…">`. */
const MODULE_SCRIPT = /<script\s+type="module"\s+src="([^"]+)"/g;
/** Static imports and re-exports of a module: `import … from './x.js'`, `import './x.js'`. */
const STATIC_IMPORT =
  /(?:^|[\n;])\s*(?:import|export)\s(?:[^'";]*?\sfrom\s*)?['"](\.{1,2}\/[^'"]+\.js)['"]/g;

const cache = new Map<string, string>();

/**
 * The `Link` header that preloads every module a widget page imports, at any depth, e.g.
 * `</widgets/lib/mount-widget.js>; rel=modulepreload, …` for `alerts.html`.
 *
 * The widgets are plain ES modules, about fifty for the alert box and eight imports deep. Without
 * this the browser finds each level only after the one above has arrived, so a page took eight
 * round trips to start; on a busy machine (OBS and the game on the same cores) that was a second
 * or more before the first alert could show. With the whole graph in the first answer's header,
 * Chromium fetches every module at once. Computed once per page; the files are the service's own.
 */
export function modulePreloadHeader(page: string, pageUrl = `/widgets/${page}`): string {
  let header = cache.get(pageUrl);
  if (header === undefined) {
    header = [...modulesOf(page, pageUrl)].map((url) => `<${url}>; rel=modulepreload`).join(', ');
    cache.set(pageUrl, header);
  }
  return header;
}

/**
 * Every module URL that `page` (a file name in the widget folder), served at `pageUrl`, loads, in
 * discovery order.
 */
function modulesOf(page: string, pageUrl: string): Set<string> {
  const found = new Set<string>();
  const pending = [...read(page).matchAll(MODULE_SCRIPT)].map((match) =>
    resolveUrl(match[1]!, pageUrl),
  );
  for (let url = pending.shift(); url !== undefined; url = pending.shift()) {
    if (found.has(url) || !url.startsWith('/widgets/')) continue;
    found.add(url);
    const source = read(url.slice('/widgets/'.length));
    for (const match of source.matchAll(STATIC_IMPORT)) pending.push(resolveUrl(match[1]!, url));
  }
  return found;
}

/** The path `reference` names, seen from the page or module at path `base`. */
function resolveUrl(reference: string, base: string): string {
  return new URL(reference, `http://widgets${base}`).pathname;
}

/**
 * A file of the widget folder, or '' when there is none: `lib/contract.js` is written by the
 * server (its own imports are none), and a missing file is the static server's 404 to give.
 */
function read(file: string): string {
  try {
    return readFileSync(join(WIDGET_FILES_DIR, file), 'utf8');
  } catch {
    return '';
  }
}
