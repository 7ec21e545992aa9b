import type { ApiResponseOptions } from '@nestjs/swagger';

/**
 * A reference, in the OpenAPI document, to a schema generated from a TypeScript type: one of the
 * API's bodies (src/api-docs/api-schemas.json) or an SSE message (src/contract/schemas/). A name
 * that is not there fails the document's validation test.
 */
export function schemaRef(typeName: string): { $ref: string } {
  return { $ref: `#/components/schemas/${encodeURIComponent(typeName)}` };
}

/** The OpenAPI security scheme of `ADMIN_TOKEN` (a bearer token), declared by the document. */
export const ADMIN_TOKEN_SCHEME = 'adminToken';

/** An error answer: Nest's JSON `{statusCode, message, error}`, with why it happens. */
export function errorResponse(status: number, description: string): ApiResponseOptions {
  return {
    status,
    description,
    content: { 'application/json': { schema: schemaRef('ApiError') } },
  };
}
