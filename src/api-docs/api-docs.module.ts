import { Module } from '@nestjs/common';
import { SchemasController } from './schemas.controller.js';

/**
 * The API described for the tools people inspect it with: the JSON Schemas of the SSE messages at
 * `/api/schemas/`; the OpenAPI document (`/api/openapi.json`) and its page (`/api/docs`) are served
 * by `serveApiDocs` when the application starts.
 */
@Module({ controllers: [SchemasController] })
export class ApiDocsModule {}
