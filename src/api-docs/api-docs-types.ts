/**
 * Bodies the API documents that are not any one feature's: the error answer, and the list of
 * schemas. Their JSON Schemas are generated from these types (scripts/json-schemas.mjs).
 */

/** The JSON of every error answer (Nest's): the status, and a message that says what to do. */
export interface ApiError {
  /** @asType integer */
  statusCode: number;
  /** What went wrong and what to send instead; a 400 names the field or parameter. */
  message: string;
  /** The status in words, e.g. "Bad Request". */
  error?: string;
}

/** One entry of `GET /api/schemas`: a published SSE message schema. */
export interface SchemaListEntry {
  /** The message it describes: `stats`, `event.channel.follow`, `status.poll`, … */
  name: string;
  /** Where it is served, e.g. `/api/schemas/stats.json`. */
  url: string;
  description: string;
}
