import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config';
import { createDb } from '../../server/db';
import { start } from '../../server/index';
import { testEnv } from '../helpers/context';

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

describe('start and stop', () => {
  it('a wrong configuration value stops the start with a message naming the variable', async () => {
    await expect(start({ env: testEnv({ PORT: 'abc' }) })).rejects.toThrow(ConfigError);
    await expect(start({ env: testEnv({ SESSION_IDLE_MINUTES: '-1' }) })).rejects.toThrow(/SESSION_IDLE_MINUTES/);
  });

  it('starts on a free port, answers, and stops completely', async () => {
    const server = await start({ env: testEnv({ JOBS_ENABLED: 'true' }), demo: false });
    expect(server.port).toBeGreaterThan(0);
    const res = await fetch(`${server.url}/readyz`);
    expect(await res.json()).toEqual({ status: 'ready' });
    await server.stop();
    expect(await portOpen(server.port)).toBe(false);
    // the database client is closed too
    await expect(server.ctx.sql`select 1`).rejects.toThrow();
  });

  it('loads the demo data once and reuses it on a second start', async () => {
    const db = createDb(testEnv().DATABASE_URL!, { max: 1 });
    // the monitoring history of the demo offices goes in after the node serves (seed-demo.ts)
    const history = async () =>
      (await db`select count(*)::int as n from placement_requests where case_ref like 'DEMO-%'
        and office_id in (select organisation_id from users where email = 'fachkraft@koeln.example')`)[0].n as number;
    try {
      const first = await start({ env: testEnv(), demo: true });
      const [{ n }] = await first.ctx.sql`select count(*)::int as n from users where email like '%.example' and email in ('fachkraft@koeln.example', 'plattform@heimplatzboerse.example')`;
      await first.stop();
      // there once stop() returns, written once
      expect(await history()).toBe(160);
      const second = await start({ env: testEnv(), demo: true });
      const [{ m }] = await second.ctx.sql`select count(*)::int as m from users where email in ('fachkraft@koeln.example', 'plattform@heimplatzboerse.example')`;
      await second.stop();
      expect(n).toBe(2);
      expect(m).toBe(2);
      expect(second.seeded).toBe(false);
      expect(await history()).toBe(160);
    } finally {
      await db.end();
    }
  });
});
