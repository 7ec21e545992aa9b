import { BadRequestException } from '@nestjs/common';
import { RequestBodySchema } from '../api-docs/request-body-schema.js';
import type { SubathonSettings } from '../contract/sse-contract.js';
import type { SubathonSettingsRequest, SubathonTimeRequest } from './subathon-api.js';
import { DEFAULT_SUBATHON_SETTINGS } from './subathon-timer.js';

/** The bodies' schemas, generated from their types: what the OpenAPI document shows. */
const TIME_REQUEST = new RequestBodySchema<SubathonTimeRequest>('SubathonTimeRequest');
const SETTINGS_REQUEST = new RequestBodySchema<SubathonSettingsRequest>('SubathonSettingsRequest');

const SETTING_NAMES = Object.keys(DEFAULT_SUBATHON_SETTINGS) as (keyof SubathonSettings)[];

/**
 * Reads an add or remove body: `{"seconds": 300}`, from 1 second to 366 days. Anything else (a
 * negative number, a string, `1e999`) is a 400 that says what to send.
 */
export function parseSubathonTimeRequest(body: unknown): SubathonTimeRequest {
  return TIME_REQUEST.parse(body);
}

/**
 * Reads a settings body: some of the settings, each within its bounds (no negative times, a cap of
 * at least a second or null). A name that is not a setting is refused rather than ignored, so a
 * typo does not look like a change that worked.
 */
export function parseSubathonSettingsRequest(body: unknown): SubathonSettingsRequest {
  const settings = SETTINGS_REQUEST.parse(body);
  const unknown = Object.keys(settings).filter(
    (name) => !(SETTING_NAMES as string[]).includes(name),
  );
  if (unknown.length > 0) {
    throw new BadRequestException(
      `"${unknown[0]}" is not a subathon setting; the settings are ${SETTING_NAMES.join(', ')}.`,
    );
  }
  if (Object.keys(settings).length === 0) {
    throw new BadRequestException(
      `Send at least one setting to change, for example {"tier1Seconds": 120}; the settings are ${SETTING_NAMES.join(', ')}.`,
    );
  }
  return settings;
}
