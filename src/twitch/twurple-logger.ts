import { Logger } from '@nestjs/common';
import type { ApiConfig } from '@twurple/api';

type LoggerOptions = NonNullable<ApiConfig['logger']>;

/** Twurple's log levels (from @d-fischer/logger): 0 critical … 4 debug, 7 trace. */
const TWURPLE_ERROR = 1;
const TWURPLE_WARNING = 2;
const TWURPLE_INFO = 3;

/**
 * Routes Twurple's own logging into Nest's logger under `context`, so one LOG_LEVEL governs both.
 * Twurple's info lines (connects, reconnects) become debug here: the service reports those itself.
 * Twurple never logs tokens; its debug/trace lines carry frames and URLs, which hold none.
 */
export function twurpleLogger(context: string): LoggerOptions {
  const logger = new Logger(context);
  return {
    minLevel: 'debug',
    custom: (level: number, message: string) => {
      if (level <= TWURPLE_ERROR) logger.error(message);
      else if (level === TWURPLE_WARNING) logger.warn(message);
      else if (level === TWURPLE_INFO) logger.debug(message);
      else logger.verbose(message);
    },
  };
}
