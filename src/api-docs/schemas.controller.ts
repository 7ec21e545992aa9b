import { Controller, Get, Header, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { loadSseMessageSchemas, type JsonSchema } from '../contract/sse-contract-schemas.js';
import type { SchemaListEntry } from './api-docs-types.js';
import { sseSchemaPath } from './openapi-schemas.js';
import { errorResponse, schemaRef } from './schema-ref.js';

/**
 * `GET /api/schemas/<name>.json`: the JSON Schema of each SSE message, generated from the contract
 * (src/contract/sse-contract.ts). Public and readable from any origin, like the stream.
 */
@Controller('api/schemas')
@ApiTags('stream')
export class SchemasController {
  private readonly schemas = loadSseMessageSchemas();

  @Get()
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({
    summary: "The SSE messages' JSON Schemas",
    description:
      'One schema per message: `stream-message` (any of them), `stats`, `event` and `event.<EventSub type>`, `status` and `status.<component>`, `control`.',
  })
  @ApiResponse({
    status: 200,
    description: 'Every schema, with its URL.',
    content: {
      'application/json': { schema: { type: 'array', items: schemaRef('SchemaListEntry') } },
    },
  })
  list(): SchemaListEntry[] {
    return [...this.schemas].map(([name, schema]) => ({
      name,
      url: sseSchemaPath(name),
      description: String(schema.description ?? ''),
    }));
  }

  @Get(':file')
  @Header('Access-Control-Allow-Origin', '*')
  @Header('Cache-Control', 'no-cache')
  @Header('Content-Type', 'application/schema+json; charset=utf-8')
  @ApiOperation({
    summary: "One SSE message's JSON Schema",
    description:
      'A standalone JSON Schema (2020-12), generated from src/contract/sse-contract.ts: validate one `data:` line of the stream with it.',
  })
  @ApiParam({
    name: 'file',
    description: 'The schema, e.g. `stream-message.json`, `event.channel.follow.json`.',
    schema: { type: 'string', pattern: '^[A-Za-z.-]+\\.json$', examples: ['stream-message.json'] },
  })
  @ApiProduces('application/schema+json')
  @ApiResponse({
    status: 200,
    description: 'The schema.',
    content: { 'application/schema+json': { schema: { type: 'object' } } },
  })
  @ApiResponse(errorResponse(404, 'No such schema: the message lists them.'))
  schema(@Param('file') file: string): JsonSchema {
    const schema = file.endsWith('.json') ? this.schemas.get(file.slice(0, -5)) : undefined;
    if (!schema) {
      throw new NotFoundException(
        `No schema ${file}. There are: ${[...this.schemas.keys()].map((name) => `${name}.json`).join(', ')}.`,
      );
    }
    return schema;
  }
}
