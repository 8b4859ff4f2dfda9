import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { onEachConnection } from '../../server/db-pool';
import { testEnv } from '../helpers/context';

// A role that may hold one connection: the second a warm-up asks for cannot be had.
const ROLE = `warm_limited_${process.pid}`;
const url = testEnv().DATABASE_URL!;
const owner = createDb(url, { max: 1 });
let limited: Sql;

beforeAll(async () => {
  await owner.unsafe(`create role ${ROLE} login password 'warm' connection limit 1`);
  const u = new URL(url);
  u.username = ROLE;
  u.password = 'warm';
  limited = createDb(u.toString(), { max: 2, connectTimeoutSeconds: 5 });
});
afterAll(async () => {
  await limited?.end({ timeout: 1 });
  await owner.unsafe(`drop role if exists ${ROLE}`);
  await owner.end();
});

describe('warming the pool (onEachConnection)', () => {
  it('warms the connections it had when another cannot be had', async () => {
    await limited`select 1`; // one connection open, as a running node's pool has
    let ran = 0;
    await onEachConnection(limited, 2, async (c) => {
      await c`select 1`;
      ran++;
    });
    // the connection it had was warmed (with Promise.all it was neither used nor given back)
    expect(ran).toBe(1);
  });
});
