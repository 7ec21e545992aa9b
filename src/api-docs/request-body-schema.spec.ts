import { BadRequestException } from '@nestjs/common';
import type { TestEventRequest } from '../alerts/alerts-api.js';
import { RequestBodySchema } from './request-body-schema.js';

describe('RequestBodySchema', () => {
  const schema = new RequestBodySchema<TestEventRequest>('TestEventRequest');

  /** The 400's message for a body. */
  function refusal(body: unknown): string {
    try {
      schema.parse(body);
    } catch (error) {
      expect(error).toBeInstanceOf(BadRequestException);
      return (error as BadRequestException).message;
    }
    throw new Error(`${JSON.stringify(body)} was accepted`);
  }

  it('hands back a body that matches the schema generated from the type', () => {
    const body = { event: 'channel.cheer', data: { bits: 5, message: 'hi', user_name: null } };
    expect(schema.parse(body)).toBe(body);
  });

  it('names the field, says what it may be from the schema, and what was sent', () => {
    expect(refusal({})).toMatch(
      /^"event" must be one of channel\.follow, channel\.subscribe, .*, channel\.chat\.notification; got nothing\.$/,
    );
    expect(refusal({ event: 'channel.follow', data: 'x' })).toBe(
      '"data", when given, must be an object, for example {"bits":500}; got "x".',
    );
    expect(refusal({ event: 'channel.subscription.gift', data: { cumulative_total: 0 } })).toBe(
      '"data.cumulative_total" must be a whole number of at least 1 (or null); got 0.',
    );
    expect(refusal({ event: 'channel.subscribe', data: { tier: 1000 } })).toBe(
      '"data.tier" must be one of "1000", "2000", "3000"; got 1000.',
    );
    expect(refusal({ event: 'channel.follow', data: { user_name: ['a'] } })).toBe(
      '"data.user_name" must be a string, a number, true/false or null; got a list.',
    );
  });

  it('asks for a JSON object when the body is not one', () => {
    expect(refusal([1])).toBe(
      'Send a JSON object, for example {"event":"channel.cheer","data":{"bits":500}}; got a list.',
    );
  });

  it('refuses a type it has no schema for', () => {
    expect(() => new RequestBodySchema('NoSuchType')).toThrow(/No API schema named NoSuchType/);
  });
});
