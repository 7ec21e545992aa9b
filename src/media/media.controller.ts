import {
  BadRequestException,
  Controller,
  Get,
  Logger,
  NotFoundException,
  Param,
  Res,
} from '@nestjs/common';
import { ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MediaLibrary, MediaNameRefused } from './media-library.js';

/**
 * The media folder's files for the alert box (`/media/<file>`) and their list for the dashboard's
 * URL builder. Public, like the widgets that load them.
 */
@Controller()
@ApiTags('dashboard and widgets')
export class MediaController {
  private readonly logger = new Logger('Media');
  /** Names already reported missing: a widget asking again and again logs one line. */
  private readonly reportedMissing = new Set<string>();

  constructor(private readonly library: MediaLibrary) {}

  /** The names of the media files, for the URL builder. */
  @Get('api/media')
  @ApiOperation({
    summary: 'The files in the media folder',
    description:
      'Names of the images, GIFs, videos and sounds in MEDIA_DIR, as the alert box takes them (`image.follow=party.gif`).',
  })
  @ApiResponse({
    status: 200,
    description: 'The folder and its files.',
    content: {
      'application/json': {
        schema: {
          type: 'object',
          properties: { files: { type: 'array', items: { type: 'string' } } },
          required: ['files'],
        },
      },
    },
  })
  async mediaFiles(): Promise<{ files: string[] }> {
    return { files: await this.library.list() };
  }

  /** One media file. */
  @Get('media/*name')
  @ApiOperation({
    summary: 'A file from the media folder',
    description:
      'Serves an image, GIF, video or sound from MEDIA_DIR. A name that leaves the folder ("..", an absolute path, a link pointing outside) is refused with 400.',
  })
  @ApiParam({ name: 'name', description: 'The file name, e.g. `party.gif` or `sounds/horn.mp3`.' })
  @ApiResponse({ status: 200, description: 'The file.' })
  @ApiResponse({
    status: 400,
    description: 'The name leaves the media folder or is not a media file.',
  })
  @ApiResponse({ status: 404, description: 'No such file in the media folder.' })
  async mediaFile(
    @Param('name') name: string | string[],
    @Res() response: Response,
  ): Promise<void> {
    const joined = Array.isArray(name) ? name.join('/') : name;
    let found;
    try {
      found = await this.library.find(joined);
    } catch (error) {
      if (error instanceof MediaNameRefused) throw new BadRequestException(error.message);
      throw error;
    }
    if (!found) {
      // The folder's path is for the streamer's eyes (the log), not for any client that asks.
      this.reportMissing(joined);
      throw new NotFoundException(
        `No file "${joined}" in the media folder (MEDIA_DIR). Put it there, or check the name.`,
      );
    }
    response.setHeader('Content-Type', found.contentType);
    // Files are the streamer's own, but an SVG opened on its own must never run script here.
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(found.path, { dotfiles: 'allow' });
  }

  /** Says once per name, in the log, where the file was looked for. */
  private reportMissing(name: string): void {
    if (this.reportedMissing.has(name)) return;
    if (this.reportedMissing.size >= MISSING_NAMES_REPORTED) return;
    this.reportedMissing.add(name);
    this.logger.warn(
      `A widget asked for media file "${name}", which is not in ${this.library.folder} (MEDIA_DIR): put it there, or fix the name in the widget URL.`,
    );
  }
}

/** Different missing names logged at most (a client trying names must not flood the log). */
const MISSING_NAMES_REPORTED = 100;
