import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import type { z } from 'zod';
import { ErrorResponseSchema } from '../../shared/schemas/common';
import type { RouteDef } from './route';

/** Builds the OpenAPI 3.1 document from the same route list the app mounts. */
export function buildOpenApi(routes: RouteDef[], version: string) {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', { type: 'apiKey', in: 'cookie', name: 'hpb_session' });
  registry.registerComponent('securitySchemes', 'apiToken', { type: 'http', scheme: 'bearer', description: 'Provider API token' });
  const errorContent = { 'application/json': { schema: ErrorResponseSchema } };
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const security: Record<string, string[]>[] =
      r.access === 'public' ? [] : Array.isArray(r.access) && r.access.includes('api_token') ? [{ session: [] }, { apiToken: [] }] : [{ session: [] }];
    const roles = r.access === 'public' ? 'anyone' : r.access === 'authenticated' ? 'any logged-in user' : (r.access as string[]).join(', ');
    const ok = r.status ?? 200;
    registry.registerPath({
      method: r.method,
      path,
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
        ...(r.body || r.query || r.params ? { 400: { description: 'Invalid input (names the field)', content: errorContent } } : {}),
        ...(r.access !== 'public' ? { 401: { description: 'Not logged in', content: errorContent }, 403: { description: 'Not allowed', content: errorContent } } : {}),
        default: { description: 'Error', content: errorContent },
      },
    });
  }
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Heimplatzbörse API',
      version,
      description: 'Placement availability for German child and youth welfare. All errors share one shape: `{ error: { code, message, requestId, details } }`.',
    },
    servers: [{ url: '/' }],
  });
}
