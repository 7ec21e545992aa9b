import type { NextFunction, Request, Response } from 'express';
import { posix } from 'node:path';
import { STREAM_PATH } from '../contract/sse-contract.js';

/** A widget page, `/widgets/alerts` or `/widgets/alerts.html`: one word, no folder. */
const WIDGET_PAGE = /^\/widgets\/[a-z0-9_-]+(\.html)?$/;

/** The dashboard's own file, which the widgets' static folder would serve too. */
const DASHBOARD_FILE = /^\/widgets\/dashboard(\.html)?$/;

/**
 * Whether another page may show `path` in a frame: the OBS widgets (a streamer may embed a stats
 * widget in a web page) and the SSE stream. Everything else is refused: above all the dashboard,
 * whose buttons are admin actions that a framing page could trick a click into (clickjacking).
 * The path is judged as the static file server will read it (decoded, normalized, and in lower
 * case for file systems that ignore case), so no spelling of the dashboard's file slips through.
 */
export function mayBeFramed(path: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return false;
  }
  const normalized = posix.normalize(decoded).toLowerCase();
  if (normalized === STREAM_PATH) return true;
  return WIDGET_PAGE.test(normalized) && !DASHBOARD_FILE.test(normalized);
}

/**
 * Express middleware: every response except a frameable one (`mayBeFramed`) says no page may frame
 * it, in both words browsers know (`X-Frame-Options` and CSP `frame-ancestors`). A route may set a
 * fuller `Content-Security-Policy` later, keeping `frame-ancestors 'none'` in it.
 */
export function refuseFraming(request: Request, response: Response, next: NextFunction): void {
  if (!mayBeFramed(request.path)) {
    response.setHeader('X-Frame-Options', 'DENY');
    response.setHeader('Content-Security-Policy', "frame-ancestors 'none'");
  }
  next();
}
