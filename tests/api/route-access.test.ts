import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import request from 'supertest';
import { allRoutes } from '../../server/routes';
import { createTestContext, type TestContext } from '../helpers/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const SAMPLE_ID = '00000000-0000-4000-8000-000000000000';
const concrete = (path: string) => path.replace(/:[A-Za-z_]+/g, SAMPLE_ID);

/** Express 5 keeps its routes on app.router.stack; collect method + path of each. */
function mountedRoutes(app: TestContext['app']): string[] {
  const stack = (app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }).router.stack;
  return stack.filter((l) => l.route).flatMap((l) => Object.keys(l.route!.methods).map((m) => `${m} ${l.route!.path}`));
}

// Routes mounted outside the route list, all deliberately public.
const INFRASTRUCTURE = ['get /healthz', 'get /readyz', 'get /api/openapi.json'];

describe('default deny', () => {
  it('every mounted route is declared in the route list (or is public infrastructure)', () => {
    const declared = new Set(allRoutes.map((r) => `${r.method} ${r.path}`));
    const undeclared = mountedRoutes(t.app).filter((r) => !declared.has(r) && !INFRASTRUCTURE.includes(r));
    expect(undeclared).toEqual([]);
    expect(allRoutes.length).toBeGreaterThan(5);
  });

  it.each(allRoutes.filter((r) => r.access !== 'public').map((r) => [`${r.method.toUpperCase()} ${r.path}`, r] as const))(
    'refuses anonymous %s',
    async (_name, r) => {
      const res = await request(t.app)[r.method](concrete(r.path)).send({});
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('UNAUTHENTICATED');
    },
  );

  it('declares as public only what must be public', () => {
    const pub = allRoutes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect(pub).toEqual(expect.arrayContaining(['post /api/v1/auth/login']));
    for (const p of pub) expect(p).toMatch(/auth\/login|auth\/password-reset|client-config|districts|taxonomies|\/hsds|directory|navigator|confirm-links\/:token$/);
  });
});

describe('CSRF on every state-changing route', () => {
  it('only the login route is exempt', () => {
    expect(allRoutes.filter((r) => r.csrfExempt).map((r) => `${r.method} ${r.path}`)).toEqual(['post /api/v1/auth/login']);
  });

  it('every other write refuses a session without the X-CSRF-Token header, whoever may call it', async () => {
    const { makeOrg, makeUser, login } = await import('../helpers/factories');
    const clients = new Map<string, Awaited<ReturnType<typeof login>>>();
    const kindOf = { caseworker: 'office', oncall: 'office', office_admin: 'office', provider_staff: 'provider', provider_admin: 'provider', platform_admin: 'platform' } as const;
    const clientFor = async (role: keyof typeof kindOf) => {
      if (!clients.has(role)) clients.set(role, await login(t.app, await makeUser(t.ctx.sql, await makeOrg(t.ctx.sql, kindOf[role]), role)));
      return clients.get(role)!;
    };
    const writes = allRoutes.filter((r) => r.method !== 'get' && !r.csrfExempt);
    expect(writes.length).toBeGreaterThan(20);
    for (const r of writes) {
      const role = Array.isArray(r.access) ? (r.access.find((a) => a !== 'api_token') as keyof typeof kindOf) : 'caseworker';
      const c = await clientFor(role);
      const res = await c.agent[r.method](concrete(r.path)).send({});
      expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
      expect(res.body.error.code, `${r.method} ${r.path}`).toBe('CSRF_FAILED');
    }
  });
});
