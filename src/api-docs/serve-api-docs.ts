import type { INestApplication } from '@nestjs/common';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { buildOpenApiDocument } from './openapi-document.js';

/** Where the OpenAPI document and its interactive page are served. */
export const OPENAPI_PATH = '/api/openapi.json';
export const API_DOCS_PATH = '/api/docs';

/**
 * What the docs page may load: Swagger UI's own files, served from the installed package
 * (swagger-ui-dist, no CDN), its inline styles and `data:` images, and requests to this service
 * ("Try it out"). No page may frame it; nothing inline may run.
 */
export const API_DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * Serves the OpenAPI document at `/api/openapi.json` (built at the first request, once every route
 * is known) and Swagger UI at `/api/docs`. Call before the application listens.
 */
export function serveApiDocs(app: INestApplication): void {
  app.use(API_DOCS_PATH, (_request: Request, response: Response, next: NextFunction) => {
    response.setHeader('Content-Security-Policy', API_DOCS_CONTENT_SECURITY_POLICY);
    next();
  });
  SwaggerModule.setup(API_DOCS_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: OPENAPI_PATH,
    raw: ['json'],
    customSiteTitle: 'twitch-realtime API',
    swaggerOptions: {
      // The badge would send the document to validator.swagger.io.
      validatorUrl: null,
      displayRequestDuration: true,
    },
  });
}
