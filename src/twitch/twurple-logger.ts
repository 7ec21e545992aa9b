import { Logger } from '@nestjs/common';
import type { ApiConfig } from '@twurple/api';
import { redactUrlQueries } from './twitch-errors.js';

type LoggerOptions = NonNullable<ApiConfig['logger']>;

/** Twurple's log levels (from @d-fischer/logger): 0 critical … 4 debug, 7 trace. */
const TWURPLE_ERROR = 1;
const TWURPLE_WARNING = 2;
const TWURPLE_INFO = 3;
const TWURPLE_TRACE = 7;

/**
 * Routes Twurple's own logging into Nest's logger under `context`, so one LOG_LEVEL governs both.
 * Twurple's info lines (connects, reconnects) become debug here: the service reports those itself.
 * Twurple's debug lines carry frames and Helix URLs (no secrets); its trace lines, which carry
 * request queries, are dropped.
 */
export function twurpleLogger(context: string): LoggerOptions {
  const logger = new Logger(context);
  return {
    minLevel: 'debug',
    custom: (level: number, raw: string) => {
      const nestLevel = nestLevelOf(level);
      // Twurple logs every EventSub frame at debug: a line nobody will see is not worth redacting.
      if (!nestLevel || !Logger.isLevelEnabled(nestLevel)) return;
      // Belt and braces: Twurple's error messages can quote request URLs.
      logger[nestLevel](redactUrlQueries(raw));
    },
  };
}

/** Where a Twurple level goes; trace lines (request queries, raw frames) go nowhere. */
function nestLevelOf(level: number): 'error' | 'warn' | 'debug' | 'verbose' | null {
  if (level <= TWURPLE_ERROR) return 'error';
  if (level === TWURPLE_WARNING) return 'warn';
  if (level === TWURPLE_INFO) return 'debug';
  return level < TWURPLE_TRACE ? 'verbose' : null;
}
