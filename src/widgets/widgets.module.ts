import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import { relative } from 'node:path';
import { DashboardSettingsController } from './dashboard-settings.controller.js';
import { modulePreloadHeader } from './module-preloads.js';
import { VendorFilesController } from './vendor-files.controller.js';
import { WIDGET_FILES_DIR } from './widget-files.js';
import { WidgetPagesController } from './widget-pages.controller.js';

/**
 * The dashboard (`/`) and the OBS widgets (`/widgets/alerts`, `/widgets/goal`, `/widgets/stats`):
 * plain browser files that read only the public SSE stream; nothing to build. The one library
 * they load (uPlot, for the recap's chart) comes from its npm package (`/widgets/vendor/`).
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: WIDGET_FILES_DIR,
      serveRoot: '/widgets',
      // Only /widgets/ itself would fall back to an index page; there is none, so it is a 404
      // rather than the dashboard turning up in an OBS source with a mistyped URL.
      renderPath: '/',
      serveStaticOptions: {
        extensions: ['html'],
        index: false,
        redirect: false,
        // Revalidate every load (ETag), so OBS picks up a new version after an update.
        maxAge: 0,
        setHeaders: (response, path) => {
          if (path.endsWith('.html')) {
            response.setHeader('Link', modulePreloadHeader(relative(WIDGET_FILES_DIR, path)));
          }
        },
      },
    }),
  ],
  controllers: [WidgetPagesController, DashboardSettingsController, VendorFilesController],
})
export class WidgetsModule {}
