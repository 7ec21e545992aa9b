import { applyDecorators } from '@nestjs/common';
import {
  ApiHeader,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import { STREAM_MESSAGE_TYPES, TWITCH_EVENT_TYPES } from '../contract/sse-contract.js';
import { sseSchemaPath } from './openapi-schemas.js';
import { errorResponse, schemaRef } from './schema-ref.js';

const DESCRIPTION = `Server-Sent Events, no authentication, any origin (CORS \`*\`). Each message has an \`id:\` line (a global, strictly increasing number, the same for every client) and one \`data:\` line of JSON, one of:

- \`{"type":"stats","data":{…}}\` — the channel's numbers ([schema](${sseSchemaPath('stats')})); sent at once on connect;
- \`{"type":"event","event":"<EventSub type>","data":{…}}\` — an EventSub event object exactly as Twitch sends it ([schema](${sseSchemaPath('event')}), one per type: \`${sseSchemaPath('event.channel.follow')}\`, …);
- \`{"type":"status","data":{…}}\` — a component's state (\`eventsub\`, \`poll\`, \`auth\`, \`recovery\`, \`eventLog\`, \`cluster\`) or, to one resuming client, \`"replay":"incomplete"\` ([schema](${sseSchemaPath('status')}));
- \`{"type":"control","data":{"action":…}}\` — pause, resume or skip for the alert boxes ([schema](${sseSchemaPath('control')}));
- \`{"type":"credits","data":{"action":…}}\` — roll or stop the credits widgets ([schema](${sseSchemaPath('credits')})).

Any message: [${sseSchemaPath('stream-message')}](${sseSchemaPath('stream-message')}) (\`StreamMessageVariant\` below). \`: ping\` comments keep proxies from closing an idle stream; \`retry:\` says how long a browser waits before reconnecting.

**Resume**: send the last id you saw as \`Last-Event-ID\` (browsers do on reconnect) or \`?lastEventId=\`: you get every event you missed, once, in order, while the log keeps them; past that, a \`replay: incomplete\` status and the current state.

**Filters**: \`?types=\` and \`?events=\` (comma-separated). A name this service does not know is answered 400, naming it, rather than with a stream that never sends what was asked for.

This page's "Try it out" waits for a response that never ends: use \`curl -N\`, Postman, or \`new EventSource(url)\`.`;

const EXAMPLE = `id: 1795713333879000
retry: 3000

id: 1795713333879004
data: {"type":"stats","data":{"live":true,"viewers":42,"followers":1234,"subs":56}}

id: 1795713333879005
data: {"type":"event","event":"channel.follow","data":{"user_id":"1234","user_login":"alice","user_name":"Alice","broadcaster_user_id":"1000","broadcaster_user_login":"streamer","broadcaster_user_name":"Streamer","followed_at":"2026-11-26T17:00:00Z"}}

: ping
`;

/** A comma-separated list of names in a query parameter (`?events=a,b`). */
function listQuery(name: string, description: string, names: readonly string[]) {
  return ApiQuery({
    name,
    required: false,
    description,
    style: 'form',
    explode: false,
    schema: { type: 'array', items: { type: 'string', enum: [...names] } },
  });
}

/** The OpenAPI description of `GET /api/twitch/stream` (its controller stays a few lines). */
export function StreamRouteDocs(): MethodDecorator {
  return applyDecorators(
    ApiTags('stream'),
    ApiOperation({ summary: 'The live stream (Server-Sent Events)', description: DESCRIPTION }),
    listQuery(
      'types',
      'Only these message types (default: all). A name this service does not know is refused with 400.',
      STREAM_MESSAGE_TYPES,
    ),
    listQuery(
      'events',
      'Only these EventSub types among the events (default: all). A name this service does not know, or `events[]=`, is refused with 400, as by `GET /api/events`.',
      TWITCH_EVENT_TYPES,
    ),
    ApiQuery({
      name: 'lastEventId',
      required: false,
      description:
        'Resume after this id, for a page that reloaded (`Last-Event-ID` wins when both are sent). An id that is not a number is ignored.',
      schema: { type: 'string', examples: ['1795713333879005'] },
    }),
    ApiQuery({
      name: 'catchUp',
      required: false,
      description:
        'With `1`: only what the stream would start with (the missed events, or the state), then an id-only frame at the current position, and the answer ends. The widget pages use it to catch up on their own filter while one shared stream per browser carries the live messages.',
      schema: { type: 'string', enum: ['1'] },
    }),
    ApiHeader({
      name: 'Last-Event-ID',
      required: false,
      description: 'Resume after this id: what browsers send when an EventSource reconnects.',
      schema: { type: 'string', examples: ['1795713333879005'] },
    }),
    ApiProduces('text/event-stream'),
    ApiResponse({
      status: 200,
      description:
        'A stream that stays open. Each `data:` line is a `StreamMessageVariant` (`x-sse-data`).',
      content: {
        'text/event-stream': {
          schema: { type: 'string', description: 'Server-Sent Events frames.' },
          example: EXAMPLE,
          // OpenAPI 3.1 cannot say what each event of a stream holds (3.2's `itemSchema` can).
          ['x-sse-data' as string]: schemaRef('StreamMessageVariant'),
        },
      },
    }),
    ApiResponse(
      errorResponse(
        400,
        '`types` or `events` names a type this service does not know (or is spelled `events[]=`): the message names it and lists the known ones. Readable from any origin.',
      ),
    ),
  );
}
