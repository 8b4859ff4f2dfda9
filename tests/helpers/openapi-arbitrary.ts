import fc from 'fast-check';

/** The parts of a JSON Schema (as zod-to-openapi writes it) the generator understands. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/**
 * Values that mostly fit `schema`: they get past validation into services and SQL, where a fuzz
 * test finds what only valid-looking input reaches. Depth and sizes are kept small.
 */
export function validish(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return fc.constant(null);
  if (schema.$ref) return validish(components[schema.$ref.split('/').pop()!], components, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives?.length) return fc.oneof(...alternatives.map((s) => validish(s, components, depth + 1)));
  if (schema.allOf?.length) return validish(schema.allOf[0], components, depth + 1);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : ['object'];
  return fc.oneof(...types.map((t) => ofType(t, schema, components, depth)));
}

function ofType(type: string, s: JsonSchema, components: Record<string, JsonSchema>, depth: number): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: Math.ceil(s.minimum ?? s.exclusiveMinimum ?? -1000), max: Math.floor(s.maximum ?? s.exclusiveMaximum ?? 100_000) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true, noDefaultInfinity: true });
    case 'string':
      return stringFor(s);
    case 'array':
      return fc.array(validish(s.items, components, depth + 1), { minLength: s.minItems ?? 0, maxLength: Math.min(s.maxItems ?? 3, 3) });
    default: {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      return fc.record(Object.fromEntries(Object.entries(props).map(([k, v]) => [k, validish(v, components, depth + 1)])), {
        requiredKeys: Object.keys(props).filter((k) => required.has(k)),
      });
    }
  }
}

function stringFor(s: JsonSchema): fc.Arbitrary<string> {
  switch (s.format) {
    case 'uuid':
      return fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'date':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'date-time':
      return fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
  }
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 40, 60));
  if (s.pattern) {
    try {
      // no filter on the length: with a long minimum (a 20-character key) almost every generated
      // value would be thrown away and fast-check would spin; lengthen by repetition instead and
      // keep the value only when it still matches (a too-short value is a fine malformed input too)
      const re = new RegExp(s.pattern);
      const top = s.maxLength ?? Infinity;
      return fc.stringMatching(re).map((v) => {
        let x = v;
        while (x.length > 0 && x.length < min) x += v;
        x = x.slice(0, top);
        return re.test(x) ? x : v;
      });
    } catch {
      // a pattern JavaScript cannot read: fall through to plain strings
    }
  }
  return fc.string({ minLength: min, maxLength: max });
}
