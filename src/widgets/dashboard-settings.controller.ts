import { Controller, Get } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import type { DashboardSettings } from './dashboard-settings.js';

/** `GET /api/dashboard/settings`: public, and says nothing secret (only whether a token is set). */
@Controller('api/dashboard')
export class DashboardSettingsController {
  constructor(private readonly config: AppConfig) {}

  @Get('settings')
  settings(): DashboardSettings {
    return {
      adminTokenRequired: this.config.values.adminToken !== '',
      mode: this.config.demo ? 'demo' : 'twitch',
    };
  }
}
