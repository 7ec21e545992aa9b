import { DOCUMENTED_FIELDS } from '../../src/documented-fields.js';
import type { SimulatedEventType } from '../../src/event-types.js';

export { DOCUMENTED_FIELDS };

/** Checks that `event` has exactly the documented fields, each of its documented type. */
export function expectDocumentedShape(
  type: SimulatedEventType,
  event: Record<string, unknown>,
): void {
  const fields = DOCUMENTED_FIELDS[type];
  expect(Object.keys(event).sort()).toEqual(Object.keys(fields).sort());
  for (const [field, kind] of Object.entries(fields)) {
    const value = event[field];
    const allowed = kind.split('|').map((k) => (k === 'null' ? null : k));
    const actual = value === null ? null : Array.isArray(value) ? 'array' : typeof value;
    if (!allowed.includes(actual)) {
      throw new Error(`${type}.${field} is ${JSON.stringify(value)}, expected ${kind}`);
    }
  }
}
