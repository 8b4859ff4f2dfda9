import { OpenAPIRegistry, OpenApiGeneratorV31, type ResponseConfig } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ErrorResponseSchema } from '../../shared/schemas/common';
import type { ErrorStatus, RouteDef } from './route';

const API_PREFIX = '/api/v1';
/** The licence of the API's software, as in package.json (a test keeps the two equal). */
export const LICENSE = 'AGPL-3.0-or-later';

const pascal = (segment: string) =>
  segment
    .split(/[-_]/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

/** `searches` → `search`, `facilities` → `facility`, `dialogues` → `dialogue` (names an item). */
const singular = (word: string) =>
  word.endsWith('ies') ? `${word.slice(0, -3)}y` : /(s|x|ch|sh)es$/.test(word) ? word.slice(0, -2) : word.replace(/s$/, '');

/**
 * The stable operationId of a route, from its method and path: the method, then the path's fixed
 * segments (without `/api/v1`), a segment followed by a parameter in the singular. So
 * `GET /api/v1/navigator/dialogues/:ags` is `getNavigatorDialogue`, `GET /api/v1/users` is `getUsers`,
 * `POST /api/v1/requests/:id/accept` is `postRequestAccept`, `GET /hsds/services` is `getHsdsServices`.
 * Client generators of providers' software turn it into method names, so it never changes silently.
 */
export function operationIdOf(r: Pick<RouteDef, 'method' | 'path'>): string {
  const path = r.path.startsWith(`${API_PREFIX}/`) ? r.path.slice(API_PREFIX.length) : r.path;
  const segments = path.split('/').filter(Boolean);
  const words = segments.flatMap((s, i) => {
    if (s.startsWith(':')) return [];
    const item = segments[i + 1]?.startsWith(':');
    return [pascal(item ? singular(s) : s)];
  });
  return r.method + words.join('');
}

const PATH_PARAM = /:([A-Za-z_]+)/g;

const EXTRA_ERRORS: Record<ErrorStatus, string> = {
  401: 'Wrong credentials',
  409: 'The current state refuses the change (e.g. no place left, changed in the meantime, already exists, no longer open)',
  415: 'A content type the route does not read',
  423: 'The account is locked after too many failed logins',
  429: 'Too many attempts; the `Retry-After` header says when to try again',
};

/** Every error answer a route can give, each with the one error shape (component `Error`). */
function errorResponses(r: RouteDef): Record<number, ResponseConfig> {
  const error = (description: string): ResponseConfig => ({
    description,
    content: { 'application/json': { schema: ErrorResponseSchema } },
  });
  const write = r.method !== 'get';
  const out: Record<number, ResponseConfig> = {
    // express.json parses a body sent with any method, so a malformed one is refused everywhere
    400:
      r.body || r.query || r.params
        ? error('Invalid input: a field fails validation (named in `details.issues`), or the JSON body is malformed')
        : error('Malformed JSON body'),
  };
  if (r.access !== 'public') out[401] = error('Not logged in, or the session or API token is no longer valid');
  if (r.access !== 'public') out[403] = error('The caller may not do this (role, organisation), or a write without the CSRF token or from another origin');
  else if (write) out[403] = error('A write from another origin');
  if (r.path.includes('/:')) out[404] = error('Not found, or not visible to the caller');
  for (const status of r.errors ?? []) out[status] = error(EXTRA_ERRORS[status]);
  return out;
}

/** Builds the OpenAPI 3.1 document from the same route list the app mounts. */
export function buildOpenApi(routes: RouteDef[], version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'hpb_session' });
  registry.registerComponent('securitySchemes', 'apiToken', { type: 'http', scheme: 'bearer', description: 'Provider API token' });
  const seen = new Map<string, string>();
  for (const r of routes) {
    const operationId = operationIdOf(r);
    const twin = seen.get(operationId);
    if (twin) throw new Error(`Routes ${twin} and ${r.method} ${r.path} share the operationId ${operationId}`);
    seen.set(operationId, `${r.method} ${r.path}`);
    const security: Record<string, string[]>[] =
      r.access === 'public' ? [] : Array.isArray(r.access) && r.access.includes('api_token') ? [{ session: [] }, { apiToken: [] }] : [{ session: [] }];
    const roles = r.access === 'public' ? 'anyone' : r.access === 'authenticated' ? 'any logged-in user' : (r.access as string[]).join(', ');
    const ok = r.status ?? 200;
    registry.registerPath({
      method: r.method,
      path: r.path.replace(PATH_PARAM, '{$1}'),
      operationId,
      summary: r.summary,
      description: `Who may call: ${roles}.`,
      tags: r.tags,
      security,
      request: {
        ...(r.params ? { params: r.params as z.ZodObject } : {}),
        ...(r.query ? { query: r.query as z.ZodObject } : {}),
        ...(r.body ? { body: { content: { 'application/json': { schema: r.body as z.ZodType } } } } : {}),
      },
      responses: {
        [ok]: r.response
          ? { description: 'Success', content: { 'application/json': { schema: r.response } } }
          : { description: 'Success', ...(r.produces ? { content: Object.fromEntries(r.produces.map((t) => [t, { schema: {} }])) } : {}) },
        ...errorResponses(r),
        default: { description: 'Unexpected error (500, with a request id to quote)', content: { 'application/json': { schema: ErrorResponseSchema } } },
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Heimplatzbörse API',
      version,
      description: 'Placement availability for German child and youth welfare. All errors share one shape: `{ error: { code, message, requestId, details } }`.',
      license: { name: LICENSE, identifier: LICENSE },
    },
    servers: [{ url: '/' }],
  });
}
