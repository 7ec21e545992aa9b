import { Controller, Get, Header, Res } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { browserContractModule } from './browser-contract.js';
import { modulePreloadHeader } from './module-preloads.js';
import { WIDGET_FILES_DIR } from './widget-files.js';

/**
 * What the dashboard may load: its own scripts, styles and fetches (the stream and the API), the
 * favicon written as a `data:` URL, and widget previews from its own origin; no page may frame it
 * (its buttons are admin actions). Nothing inline, so injected markup cannot run.
 */
export const DASHBOARD_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** The dashboard page at `/`, and the contract module the browser code imports. */
@Controller()
@ApiTags('dashboard and widgets')
export class WidgetPagesController {
  private readonly contractModule = browserContractModule();

  /** The dashboard. */
  @Get()
  @ApiOperation({
    summary: 'The dashboard',
    description:
      'Live status, stats, recent events, test buttons, pause/resume/skip and the widget URL builder, in a browser. Its buttons are admin routes.',
  })
  @ApiProduces('text/html')
  @ApiResponse({
    status: 200,
    description: 'The page.',
    content: { 'text/html': { schema: { type: 'string' } } },
  })
  dashboard(@Res() response: Response): void {
    response.setHeader('Cache-Control', 'no-cache');
    response.setHeader('Content-Security-Policy', DASHBOARD_CONTENT_SECURITY_POLICY);
    response.setHeader('Link', modulePreloadHeader('dashboard.html', '/'));
    response.sendFile('dashboard.html', { root: WIDGET_FILES_DIR });
  }

  /** The contract's constants (event types, stream path) as an ES module. */
  @Get('widgets/lib/contract.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @ApiOperation({
    summary: "The contract's constants as a browser module",
    description:
      'Event types, message types and the stream path, for the widgets: `import { TWITCH_EVENT_TYPES } from "/widgets/lib/contract.js"`.',
  })
  @ApiProduces('text/javascript')
  @ApiResponse({
    status: 200,
    description: 'An ES module.',
    content: { 'text/javascript': { schema: { type: 'string' } } },
  })
  @Header('Cache-Control', 'no-cache')
  contract(): string {
    return this.contractModule;
  }
}
