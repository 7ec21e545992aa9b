import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { browserContractModule } from './browser-contract.js';
import { WIDGET_FILES_DIR } from './widget-files.js';

/** The dashboard page at `/`, and the contract module the browser code imports. */
@Controller()
export class WidgetPagesController {
  private readonly contractModule = browserContractModule();

  /** The dashboard. */
  @Get()
  dashboard(@Res() response: Response): void {
    response.setHeader('Cache-Control', 'no-cache');
    response.sendFile('dashboard.html', { root: WIDGET_FILES_DIR });
  }

  /** The contract's constants (event types, stream path) as an ES module. */
  @Get('widgets/lib/contract.js')
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  contract(): string {
    return this.contractModule;
  }
}
