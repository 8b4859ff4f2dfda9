import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { publishEvent, rooms } from '../../server/events';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser, type OrgRow } from '../helpers/factories';
import { connect, type TestSocket } from '../helpers/sockets';

let server: RunningServer;
const sockets: TestSocket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await server?.stop();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A provider user's socket (no reconnection: only the node's live delivery is at work). */
async function providerSocket(): Promise<{ org: OrgRow; socket: TestSocket; got: EventEnvelope[] }> {
  const org = await makeOrg(server.ctx.sql, 'provider');
  const user = await makeUser(server.ctx.sql, org, 'provider_staff');
  const { cookie } = await login(server.http, user);
  const socket = await connect(server.url, cookie);
  sockets.push(socket);
  const got: EventEnvelope[] = [];
  socket.on('event', (e) => {
    if ((e.payload as { organisationId?: string }).organisationId === org.id) got.push(e);
  });
  return { org, socket, got };
}

const change = (org: OrgRow, i: number) => ({ organisationId: org.id, verified: i % 2 === 0 });

/**
 * One NOTIFY per committing transaction (migration 0130) and one read per NOTIFY on each node
 * (server/realtime/event-stream.ts): the node must still hand every committed row to its sockets
 * exactly once, also rows whose transaction commits after higher numbers were delivered.
 */
describe('commit-batched delivery', () => {
  it('notifies once per transaction, with its first event number; nothing for a rollback', async () => {
    const org = await makeOrg(server.ctx.sql, 'provider');
    const heard: string[] = [];
    const listener = await server.ctx.sql.listen('hpb_events', (p) => heard.push(p));
    try {
      const seqs = await server.ctx.sql.begin(async (tx) => {
        const out: number[] = [];
        for (let i = 0; i < 5; i++) out.push(await publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], change(org, i)));
        const more = await tx`insert into events (type, rooms, payload)
          select 'organisation:changed', ${[rooms.org(org.id)]}, ${tx.json(change(org, 9))} from generate_series(1, 50) returning seq`;
        return [...out, ...more.map((r) => r.seq as number)];
      });
      let rolledBack = 0;
      await server.ctx.sql
        .begin(async (tx) => {
          rolledBack = await publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], change(org, 1));
          throw new Error('roll back');
        })
        .catch(() => {});
      const after = await server.ctx.sql.begin((tx) => publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], change(org, 2)));
      await expect.poll(() => heard.includes(String(after)), { timeout: 5000 }).toBe(true);
      expect(seqs).toHaveLength(55);
      expect(heard.filter((p) => seqs.includes(Number(p)))).toEqual([String(seqs[0])]); // one for 55 rows
      expect(heard).not.toContain(String(rolledBack));
    } finally {
      await listener.unlisten();
    }
  });

  it('delivers rows committed after higher numbers were delivered, each once, without a reconnect', async () => {
    const { org, got } = await providerSocket();
    // 60 transactions take their numbers at once and commit in shuffled order; some hold several rows
    const writers = Array.from({ length: 60 }, (_, i) =>
      sleep(i * 15).then(() =>
        server.ctx.sql.begin(async (tx) => {
          const seqs = [await publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], change(org, i))];
          await sleep(Math.random() * 700);
          if (i % 3 === 0) seqs.push(await publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], change(org, i + 1)));
          return seqs;
        }),
      ),
    );
    const committed = (await Promise.all(writers)).flat().sort((a, b) => a - b);
    await expect.poll(() => got.length, { timeout: 10_000 }).toBeGreaterThanOrEqual(committed.length);
    await sleep(500); // room for a duplicate to show up
    const seqs = got.map((e) => e.seq);
    expect(seqs.filter((s, i) => seqs.indexOf(s) !== i)).toEqual([]);
    expect([...seqs].sort((a, b) => a - b)).toEqual(committed);
    // the commit order really differed from the number order
    expect(seqs.some((s, i) => i > 0 && s < seqs[i - 1]), seqs.join(' ')).toBe(true);
  });

  it('works off one transaction of 5,000 events in order, each once', async () => {
    const { org, got } = await providerSocket();
    const [{ first, last }] = await server.ctx.sql.begin(async (tx) => {
      return tx`
        with ins as (
          insert into events (type, rooms, payload)
          select 'organisation:changed', ${[rooms.org(org.id)]}, jsonb_build_object('organisationId', ${org.id}::text, 'verified', i % 2 = 0)
          from generate_series(1, 5000) i
          returning seq)
        select min(seq)::bigint as first, max(seq)::bigint as last from ins`;
    });
    await expect.poll(() => got.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(5000);
    await sleep(500);
    const seqs = got.map((e) => e.seq);
    expect(seqs.length).toBe(5000);
    expect(seqs[0]).toBe(first);
    expect(seqs.at(-1)).toBe(last);
    expect(seqs.every((s, i) => i === 0 || s > seqs[i - 1])).toBe(true);
  });
});
