import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { errorResponse } from '../api-docs/schema-ref.js';

/**
 * uPlot's built files, in its npm package (a dependency of the service): the charting library
 * of the dashboard's stream recaps (`dashboard/viewers-chart.js`).
 */
const UPLOT_DIR = dirname(createRequire(import.meta.url).resolve('uplot'));

/** The files served, and their types: only these, never a path from the request. */
const UPLOT_FILES: Readonly<Record<string, string>> = {
  'uPlot.esm.js': 'text/javascript; charset=utf-8',
  'uPlot.min.css': 'text/css; charset=utf-8',
};

/**
 * The browser libraries the dashboard loads, served by the service from their npm packages
 * rather than from a CDN: the dashboard works offline, and what runs in it is what
 * `package-lock.json` pinned.
 */
@Controller('widgets/vendor')
@ApiTags('dashboard and widgets')
export class VendorFilesController {
  /** One of uPlot's files. */
  @Get('uplot/:file')
  @ApiOperation({
    summary: 'The charting library of the dashboard (uPlot)',
    description:
      'uPlot’s ES module and style sheet, from the service’s own npm package, so the dashboard’s charts work offline.',
  })
  @ApiParam({
    name: 'file',
    description: 'The file.',
    schema: { type: 'string', enum: Object.keys(UPLOT_FILES) },
  })
  @ApiProduces('text/javascript', 'text/css')
  @ApiResponse({
    status: 200,
    description: 'The file.',
    content: {
      'text/javascript': { schema: { type: 'string' } },
      'text/css': { schema: { type: 'string' } },
    },
  })
  @ApiResponse(errorResponse(404, 'No such file.'))
  uplot(@Param('file') file: string, @Res() response: Response): void {
    const type = Object.hasOwn(UPLOT_FILES, file) ? UPLOT_FILES[file] : undefined;
    if (type === undefined) {
      throw new NotFoundException(
        `No file ${file.slice(0, 60)} here; the files are ${Object.keys(UPLOT_FILES).join(', ')}.`,
      );
    }
    // Revalidated each load (ETag), as the widgets' own files are: an update takes effect at once.
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile(file, { root: UPLOT_DIR, headers: { 'Content-Type': type } });
  }
}
