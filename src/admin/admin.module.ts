import { Module } from '@nestjs/common';
import { AdminTokenThrottle } from './admin-token-throttle.js';

/**
 * What every `AdminGuard` shares, wherever a module uses it: one count of wrong admin tokens per
 * client address for the whole service (a guard is made once per module that uses it; this module,
 * like any, once per application). Modules with admin routes import it.
 */
@Module({
  providers: [{ provide: AdminTokenThrottle, useFactory: () => new AdminTokenThrottle() }],
  exports: [AdminTokenThrottle],
})
export class AdminModule {}
