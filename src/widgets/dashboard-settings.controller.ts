import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { schemaRef } from '../api-docs/schema-ref.js';
import { AppConfig } from '../config/app-config.js';
import type { DashboardSettings } from './dashboard-settings.js';

/** `GET /api/dashboard/settings`: public, and says nothing secret (only whether a token is set). */
@Controller('api/dashboard')
@ApiTags('dashboard and widgets')
export class DashboardSettingsController {
  constructor(private readonly config: AppConfig) {}

  @Get('settings')
  @ApiOperation({
    summary: "The dashboard's settings",
    description: 'Whether admin routes want ADMIN_TOKEN, and demo or Twitch mode. Public.',
  })
  @ApiResponse({
    status: 200,
    description: 'The settings.',
    content: { 'application/json': { schema: schemaRef('DashboardSettings') } },
  })
  settings(): DashboardSettings {
    return {
      adminTokenRequired: this.config.values.adminToken !== '',
      mode: this.config.demo ? 'demo' : 'twitch',
    };
  }
}
