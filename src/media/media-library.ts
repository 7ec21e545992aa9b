import { realpath, readdir, stat } from 'node:fs/promises';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';

/** The kinds of file the alert box can show or play, by extension, with their content type. */
export const MEDIA_TYPES: Readonly<Record<string, string>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
  '.webm': 'video/webm',
  '.mp4': 'video/mp4',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.oga': 'audio/ogg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
};

/** A media file name that is refused, with why and what to do. */
export class MediaNameRefused extends Error {
  override readonly name = 'MediaNameRefused';
}

/** A file found in the media folder. */
export interface MediaFile {
  /** Its absolute path. */
  readonly path: string;
  readonly contentType: string;
}

/**
 * The streamer's media folder (`MEDIA_DIR`): alert images, GIFs, videos and sounds, looked up by
 * name. A name that would reach outside the folder — `..`, an absolute path, a link that points
 * elsewhere — is refused, as is a kind of file the alert box cannot use.
 */
@Injectable()
export class MediaLibrary {
  private readonly root: string;

  constructor(config: AppConfig) {
    this.root = resolve(config.values.mediaDir);
  }

  /** The folder, as an absolute path. */
  get folder(): string {
    return this.root;
  }

  /**
   * The file for `name` (a path inside the folder, `/`-separated), or null when there is none.
   * Throws `MediaNameRefused` for a name that escapes the folder or is not a media file.
   */
  async find(name: string): Promise<MediaFile | null> {
    const contentType = checkName(name);
    const candidate = resolve(this.root, name);
    if (!inside(this.root, candidate)) throw escapes(name);
    let real: string;
    let realRoot: string;
    try {
      [real, realRoot] = await Promise.all([realpath(candidate), realpath(this.root)]);
    } catch {
      return null;
    }
    // A link inside the folder may point anywhere: only what really lies inside is served.
    if (!inside(realRoot, real)) throw escapes(name);
    const info = await stat(real).catch(() => null);
    return info?.isFile() ? { path: real, contentType } : null;
  }

  /** The media files in the folder and its subfolders (names as the alert box takes them), sorted. */
  async list(): Promise<string[]> {
    const entries = await readdir(this.root, { recursive: true, withFileTypes: true }).catch(
      () => [],
    );
    return entries
      .filter((entry) => entry.isFile() && MEDIA_TYPES[extname(entry.name).toLowerCase()])
      .map((entry) => relative(this.root, join(entry.parentPath, entry.name)).split(sep).join('/'))
      .filter((name) => !name.split('/').some((part) => part.startsWith('.')))
      .sort();
  }
}

/** The content type of a name that may be looked up, or a refusal saying why not. */
function checkName(name: string): string {
  if (
    name === '' ||
    name.includes('\0') ||
    name.includes('\\') ||
    isAbsolute(name) ||
    name.split('/').some((part) => part === '..' || part === '.' || part.startsWith('.'))
  ) {
    throw escapes(name);
  }
  const contentType = MEDIA_TYPES[extname(name).toLowerCase()];
  if (!contentType) {
    throw new MediaNameRefused(
      `"${name}" is not an image, video or sound the alert box can use (${Object.keys(MEDIA_TYPES).join(', ')}).`,
    );
  }
  return contentType;
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

function escapes(name: string): MediaNameRefused {
  return new MediaNameRefused(
    `"${name}" is not a file name inside the media folder: use a name like party.gif or sounds/horn.mp3 (no "..", no leading "/" or ".").`,
  );
}
