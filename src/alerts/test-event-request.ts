import { RequestBodySchema } from '../api-docs/request-body-schema.js';
import type { TestEventRequest } from './alerts-api.js';

/** The body's schema, generated from `TestEventRequest`: what the OpenAPI document shows. */
const TEST_EVENT_REQUEST = new RequestBodySchema<TestEventRequest>('TestEventRequest');

/**
 * Reads the body of `POST /api/admin/test-events`; a bad one is a 400 that names the field and
 * says what to send. Twitch's event objects for these types are flat, so `data` may only hold
 * strings, numbers, booleans and null — a nested object is refused rather than walked.
 */
export function parseTestEventRequest(body: unknown): TestEventRequest {
  return TEST_EVENT_REQUEST.parse(body);
}
