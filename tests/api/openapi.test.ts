import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildOpenApi, LICENSE, operationIdOf } from '../../server/http/openapi';
import type { RouteDef } from '../../server/http/route';
import { allRoutes } from '../../server/routes';
import { createTestContext, type TestContext } from '../helpers/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('OpenAPI', () => {
  it('documents every route with its access rule', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const r of allRoutes) {
      const op = res.body.paths[r.path.replace(/:([A-Za-z_]+)/g, '{$1}')]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      expect(op.description).toMatch(/Who may call/);
    }
    expect(res.body.components.schemas.LoginBody.required).toEqual(['email', 'password']);
  });

  it('names every operation with a unique operationId derived from its method and path', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    const ops = Object.entries(res.body.paths as Record<string, Record<string, { operationId?: string }>>).flatMap(([path, item]) =>
      Object.entries(item).map(([method, op]) => ({ at: `${method} ${path}`, id: op.operationId })),
    );
    expect(ops).toHaveLength(allRoutes.length);
    for (const op of ops) expect(op.id, op.at).toMatch(/^(get|post|put|patch|delete)[A-Z][A-Za-z]*$/);
    expect(new Set(ops.map((o) => o.id)).size).toBe(ops.length);
    expect(ops.find((o) => o.at === 'get /api/v1/navigator/dialogues/{ags}')?.id).toBe('getNavigatorDialogue');
    expect(operationIdOf({ method: 'get', path: '/api/v1/searches/:id/results/:unitId' })).toBe('getSearchResult');
    expect(operationIdOf({ method: 'post', path: '/api/v1/requests/:id/accept' })).toBe('postRequestAccept');
    expect(operationIdOf({ method: 'get', path: '/hsds/taxonomy_terms' })).toBe('getHsdsTaxonomyTerms');
    // two routes that would share a name stop the document (and so the app) from being built
    const twin = { ...allRoutes.find((r) => r.path === '/api/v1/users' && r.method === 'get')!, path: '/api/v1/users/' } as RouteDef;
    expect(() => buildOpenApi([...allRoutes, twin], '0')).toThrow(/share the operationId getUsers/);
  });

  it('declares the error answers of every operation, in the one error shape', async () => {
    const res = await request(t.app).get('/api/openapi.json');
    const byOp = new Map(allRoutes.map((r) => [`${r.method} ${r.path.replace(/:([A-Za-z_]+)/g, '{$1}')}`, r]));
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: unknown }> }> }>>)) {
      for (const [method, op] of Object.entries(item)) {
        const at = `${method} ${path}`;
        const r = byOp.get(at)!;
        const errors = Object.keys(op.responses).filter((s) => /^4\d\d$/.test(s));
        expect(errors.length, at).toBeGreaterThan(0);
        for (const s of [...errors, 'default']) {
          expect(op.responses[s].content['application/json'].schema, `${at} ${s}`).toEqual({ $ref: '#/components/schemas/Error' });
        }
        if (r.access !== 'public') expect(errors, at).toEqual(expect.arrayContaining(['401', '403']));
        if (path.includes('{')) expect(errors, at).toContain('404');
        if (r.body || r.query || r.params) expect(errors, at).toContain('400');
        for (const s of r.errors ?? []) expect(errors, at).toContain(String(s));
      }
    }
    expect(res.body.paths['/api/v1/requests/{id}/accept'].post.responses).toHaveProperty('409');
    expect(res.body.paths['/api/v1/auth/login'].post.responses).toHaveProperty('429');
  });

  it('states the licence of package.json', async () => {
    const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', 'package.json'), 'utf8'));
    expect(LICENSE).toBe(pkg.license);
    const res = await request(t.app).get('/api/openapi.json');
    expect(res.body.info.license).toEqual({ name: pkg.license, identifier: pkg.license });
  });

  it('serves the interactive reference without third-party hosts', async () => {
    const page = await request(t.app).get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const js = await request(t.app).get('/api/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
  });
});
