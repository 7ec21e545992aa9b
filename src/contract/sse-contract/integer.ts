// A whole number (ids, counts): `number` to TypeScript, "integer" in the schemas. Exported for
// the contract's own files only (the barrel leaves it out); `@internal` keeps the schema generator
// from naming it as a definition of its own, so every use stays an inline `"type": "integer"`.
/**
 * @asType integer
 * @internal
 */
export type Integer = number;
