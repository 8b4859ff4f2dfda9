import fc from 'fast-check';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../shared/errors';
import { lockBoundaries } from '../helpers/boundaries';
import { createTestContext, type TestContext } from '../helpers/context';
import { userClient } from '../helpers/factories';
import { validish, type JsonSchema } from '../helpers/openapi-arbitrary';

/**
 * Property test driven by the published OpenAPI document: for every route, generated malformed
 * bodies, queries and path parameters, sent by every kind of caller, answer only a 4xx (or a
 * success) in the one error shape, never a 5xx and never a hang. Runs are bounded so the file
 * stays within a few seconds per route group; raise FUZZ_RUNS locally to search harder.
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 2);
const REQUEST_TIMEOUT_MS = 10_000; // a hang, not a slow machine

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  params: string[];
  query: string[];
  bodyFields: string[];
  hasBody: boolean;
  bodySchema?: JsonSchema;
}

interface Caller {
  name: string;
  send(method: Operation['method'], url: string): request.Test;
}

let t: TestContext;
let operations: Operation[] = [];
let components: Record<string, JsonSchema> = {};
const callers: Caller[] = [];

function sessionCaller(name: string, agent: ReturnType<typeof request.agent>, csrf: string): Caller {
  return { name, send: (m, url) => agent[m](url).set('X-CSRF-Token', csrf) };
}

beforeAll(async () => {
  t = await createTestContext();
  const doc = (await request(t.app).get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; requestBody?: { content: Record<string, { schema: { $ref?: string; properties?: object } }> } }>>;
    components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
  };
  components = doc.components.schemas as Record<string, JsonSchema>;
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const schema = op.requestBody?.content['application/json']?.schema;
      const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()!] : schema;
      operations.push({
        method: method as Operation['method'],
        path,
        params: (op.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyFields: Object.keys((resolved as { properties?: object } | undefined)?.properties ?? {}),
        hasBody: !!op.requestBody,
        bodySchema: schema as JsonSchema | undefined,
      });
    }
  }
  // logging out would end the caller's session for the rest of the run; it is fuzzed anonymously
  operations = operations.filter((o) => o.path !== '/api/v1/auth/logout');

  callers.push({ name: 'anonymous', send: (m, url) => request(t.app)[m](url) });
  for (const [kind, role] of [
    ['office', 'caseworker'],
    ['office', 'oncall'],
    ['office', 'office_admin'],
    ['provider', 'provider_staff'],
    ['provider', 'provider_admin'],
    ['platform', 'platform_admin'],
  ] as const) {
    const { client } = await userClient(t.app, t.ctx.sql, kind, role);
    callers.push(sessionCaller(role, client.agent, client.csrf));
    if (role === 'provider_admin') {
      const token = (await client.post('/api/v1/api-tokens', { name: 'fuzz' })).body.token as string;
      callers.push({ name: 'api_token', send: (m, url) => request(t.app)[m](url).set('Authorization', `Bearer ${token}`) });
    }
  }
});
afterAll(() => t.close());

// strings a careless parser or the database trips over
const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\ud800x', 'x\udfff', '%', '%zz', '-1', '1e309', 'NaN', 'null', '00000000-0000-4000-8000-000000000000', "'; drop table users; --", '../../etc/passwd', 'ä'.repeat(300), '9'.repeat(40)),
);
const jsonish = fc.oneof(
  { depthSize: 'small' },
  nasty,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nasty, { maxLength: 4 }),
  fc.dictionary(nasty, nasty, { maxKeys: 3 }),
);

function pathSegment(): fc.Arbitrary<string> {
  return fc.oneof(
    nasty.map((s) => {
      try {
        return encodeURIComponent(s) || '%20';
      } catch {
        return '%ED%A0%80'; // a lone surrogate, as bytes no UTF-8 decoder accepts
      }
    }),
    fc.constantFrom('%zz', '%', '%E0%A4%A', '%00', '..', '00000000-0000-4000-8000-000000000000', '05315'),
  );
}

function spoilOneText(value: unknown, bad: string): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const entries = Object.entries(value);
  const i = entries.findIndex(([, v]) => typeof v === 'string');
  if (i >= 0) entries[i] = [entries[i][0], `${entries[i][1]}${bad}x`];
  return Object.fromEntries(entries);
}

function bodyFor(op: Operation): fc.Arbitrary<{ raw?: string; json?: unknown }> {
  const fields = op.bodyFields.length ? op.bodyFields : ['name'];
  const shaped = fc.dictionary(fc.constantFrom(...fields, 'extra'), jsonish, { maxKeys: fields.length + 1 });
  return fc.oneof(
    // valid-looking bodies reach services and SQL
    validish(op.bodySchema, components).map((json) => ({ json })),
    // ... and the same with a NUL or a lone surrogate in one text field
    fc.tuple(validish(op.bodySchema, components), fc.constantFrom('\u0000', '\ud800')).map(([json, bad]) => ({ json: spoilOneText(json, bad) })),
    shaped.map((json) => ({ json })),
    jsonish.map((json) => ({ json })),
    fc.constantFrom('{"a":', '[', '{"a":1}x', 'nul', '{"__proto__":{"x":1}}', '"\\ud800"').map((raw) => ({ raw })),
  );
}

function queryFor(op: Operation): fc.Arbitrary<string> {
  const names = [...op.query, 'x'];
  return fc
    .array(fc.tuple(fc.constantFrom(...names), pathSegment()), { maxLength: 4 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}

function checkAnswer(what: string, res: request.Response) {
  expect(res.status, what).toBeLessThan(500);
  if (res.status < 400) return;
  const error = res.body?.error;
  expect(error, `${what}: error shape`).toMatchObject({ code: expect.any(String), message: expect.any(String) });
  expect(ERROR_CODES[error.code as keyof typeof ERROR_CODES], `${what}: status matches ${error.code}`).toBe(res.status);
  if (error.code === 'VALIDATION_FAILED') {
    expect(error.details?.issues?.length, `${what}: names the field`).toBeGreaterThan(0);
    for (const issue of error.details.issues) expect(issue.path, what).toMatch(/^(body|query|params)\b/);
  }
}

describe('fuzzing every route of the OpenAPI document', () => {
  it('found the routes', () => {
    expect(operations.length).toBeGreaterThan(40);
    expect(callers.length).toBe(8);
  });

  it('answers generated malformed input with a 4xx in the error shape, never a 5xx or a hang', { timeout: 240_000 }, async () => {
    for (const op of operations) {
      const arbitrary = fc.record({
        caller: fc.constantFrom(...callers),
        params: fc.tuple(...op.params.map(() => pathSegment())),
        query: queryFor(op),
        body: bodyFor(op),
      });
      // the platform's one set of district boundaries (a DELETE succeeds): in turns with the files that use it
      const release = op.path.includes('/district-boundaries') ? await lockBoundaries(t.ctx.sql) : undefined;
      await fc.assert(
        fc.asyncProperty(arbitrary, async ({ caller, params, query, body }) => {
          let url = op.path;
          op.params.forEach((name, i) => (url = url.replace(`{${name}}`, params[i])));
          if (query) url += `?${query}`;
          let req = caller.send(op.method, url).timeout(REQUEST_TIMEOUT_MS);
          if (op.hasBody || op.method !== 'get') {
            req = req.set('Content-Type', 'application/json').send(body.raw ?? JSON.stringify(body.json));
          }
          const res = await req;
          checkAnswer(`${op.method.toUpperCase()} ${url} as ${caller.name}`, res);
        }),
        { numRuns: RUNS * callers.length, endOnFailure: true },
      ).finally(() => release?.());
    }
  });
});
