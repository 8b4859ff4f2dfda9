import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
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

  it('serves the interactive reference without third-party hosts', async () => {
    const page = await request(t.app).get('/api/docs/');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    expect(page.text).not.toMatch(/https?:\/\//);
    const js = await request(t.app).get('/api/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
  });
});
