import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiResponse, ApiSecurity } from '@nestjs/swagger';
import { ADMIN_TOKEN_SCHEME, errorResponse } from '../api-docs/schema-ref.js';
import { AdminGuard } from './admin.guard.js';

/**
 * An admin route: guarded by `AdminGuard`, and documented as such in the OpenAPI document — the
 * bearer `ADMIN_TOKEN`, or nothing from this machine while it is unset, and the answers that refuse.
 */
export function AdminOnly(): ClassDecorator & MethodDecorator {
  return applyDecorators(
    UseGuards(AdminGuard),
    ApiSecurity(ADMIN_TOKEN_SCHEME),
    // Without ADMIN_TOKEN, this machine needs no token.
    ApiSecurity({}),
    ApiResponse(
      errorResponse(
        401,
        'ADMIN_TOKEN is set and the request has not got it; or it is unset and the request is not from this machine.',
      ),
    ),
    ApiResponse(errorResponse(403, 'The request came from a page of another site (its Origin).')),
    ApiResponse(
      errorResponse(
        429,
        'Too many wrong tokens from this address: try again after `Retry-After` seconds.',
      ),
    ),
  );
}
