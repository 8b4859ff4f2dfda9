import { describe, expect, expectTypeOf, it } from 'vitest';
import type { AppContext } from '../../server/context';
import type { Actor, TokenActor, UserActor } from '../../server/http/actor';
import { defineRoute } from '../../server/http/route';
import type { JobMap } from '../../server/jobs/map';
import { Jobs, type JobDef } from '../../server/jobs/registry';
import { allJobs } from '../../server/jobs/all';

// Most of this file is checked by `npm run typecheck`: a line marked @ts-expect-error that
// compiles fails the typecheck, so each marks something the types must refuse.

describe('route handlers get an actor narrowed by the access list', () => {
  it('narrows by access', () => {
    defineRoute({
      method: 'get', path: '/x', summary: 'x', tags: [], access: ['caseworker', 'oncall'],
      handler: async ({ actor, origin }) => {
        expectTypeOf(actor).toEqualTypeOf<UserActor & { role: 'caseworker' | 'oncall' }>();
        expectTypeOf(origin).toEqualTypeOf<{ ip?: string; requestId?: string }>();
      },
    });
    defineRoute({
      method: 'get', path: '/x', summary: 'x', tags: [], access: ['provider_admin', 'api_token'],
      handler: async ({ actor }) => {
        expectTypeOf(actor).toEqualTypeOf<TokenActor | (UserActor & { role: 'provider_admin' })>();
        // @ts-expect-error a token has no user id
        void actor.userId;
      },
    });
    defineRoute({
      method: 'get', path: '/x', summary: 'x', tags: [], access: ['api_token'],
      handler: async ({ actor }) => expectTypeOf(actor).toEqualTypeOf<TokenActor>(),
    });
    defineRoute({
      method: 'get', path: '/x', summary: 'x', tags: [], access: 'authenticated',
      handler: async ({ actor }) => expectTypeOf(actor).toEqualTypeOf<UserActor>(),
    });
    defineRoute({
      method: 'get', path: '/x', summary: 'x', tags: [], access: 'public',
      handler: async ({ actor }) => {
        expectTypeOf(actor).toEqualTypeOf<Actor>();
        // @ts-expect-error anyone may call: no user is certain
        void actor.userId;
      },
    });
    expect(true).toBe(true);
  });
});

describe('jobs are typed by JobMap', () => {
  it('send and run accept only known names with their payloads', () => {
    const jobs = {} as Jobs;
    const check = () => {
      void jobs.send('requests.escalate', { groupId: 'g' });
      // @ts-expect-error the payload of requests.escalate has a groupId
      void jobs.send('requests.escalate', { requestId: 'r' });
      // @ts-expect-error no queue of this name
      void jobs.send('requests.escalte', { groupId: 'g' });
      // @ts-expect-error requests.notify needs its payload
      void jobs.run('requests.notify');
      void jobs.run('search.sweep');
      void jobs.run('freshness.check', { ownerId: 'o' });
    };
    expectTypeOf(check).toBeFunction();
  });

  it('a handler receives the payload of its name', () => {
    const def: JobDef<'requests.notify'> = {
      name: 'requests.notify',
      handler: async (_ctx: AppContext, data) => {
        expectTypeOf(data).toEqualTypeOf<JobMap['requests.notify']>();
      },
    };
    // @ts-expect-error the name must be the one the type names
    const wrong: JobDef<'requests.notify'> = { name: 'requests.escalate', handler: async () => {} };
    expect([def.name, wrong.name]).toEqual(['requests.notify', 'requests.escalate']);
  });

  it('the registry holds exactly one handler for every queue of the map', async () => {
    const names = allJobs.map((j) => j.name).sort();
    expect(new Set(names).size).toBe(names.length);
    const expected: Record<keyof JobMap, true> = {
      'auth.session-cleanup': true, 'events.prune': true, 'freshness.check': true, 'requests.notify': true,
      'requests.expire-hold': true, 'requests.expire-holds-sweep': true, 'requests.escalate': true, 'requests.retention': true,
      'navigator.send-list': true, 'navigator.purge-addresses': true, 'search.sweep': true, 'search.digest': true,
      'push.request': true, 'push.escalation': true, 'push.freshness': true,
      'emergency.escalation-sweep': true,
      'monitoring.snapshot': true, 'monitoring.prune': true, 'monitoring.rollup': true,
      'availability.history-prune': true,
    };
    expect(names).toEqual(Object.keys(expected).sort());
  });
});
