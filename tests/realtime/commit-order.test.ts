import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/events';
import { connectSocket } from '../../client/src/lib/socket';
import { publishEvent, rooms } from '../../server/events';
import type { RunningServer } from '../../server/index';
import { startTestServer } from '../helpers/context';
import { login, makeOrg, makeUser } from '../helpers/factories';

let server: RunningServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `events.seq` is taken at insert, not at commit: transactions commit in their own order. The web
 * client's socket code (client/src/lib/socket.ts) tells events apart by the numbers seen and resumes
 * with a look-back; this proves with many concurrent transactions, committed in shuffled order while
 * the client's connection drops again and again, that it never misses and never repeats an event.
 */
describe('events committed out of sequence order', () => {
  it('reach a reconnecting client exactly once each', async () => {
    const org = await makeOrg(server.ctx.sql, 'provider');
    const user = await makeUser(server.ctx.sql, org, 'provider_staff');
    const { cookie } = await login(server.http, user);
    const got: EventEnvelope[] = [];
    const statuses: string[] = [];
    const client = connectSocket({
      url: server.url,
      options: { extraHeaders: { cookie }, reconnectionDelay: 150, reconnectionDelayMax: 300, forceNew: true },
      onEvent: (e) => got.push(e),
      onStatus: (s) => statuses.push(s),
      onSessionEnded: () => {},
    });
    try {
      await expect.poll(() => statuses.at(-1), { timeout: 15_000 }).toBe('online');
      // (a resume asks for numbers above 0, so the very first event of an empty database would not be
      // replayed: the stream here starts after one)
      await server.ctx.sql.begin((tx) => publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], { organisationId: org.id, verified: true }));
      const [{ max }] = await server.ctx.sql`select coalesce(max(seq), 0)::bigint as max from events`;
      const since = Number(max);
      // 80 transactions: each takes its number at once and commits after a random wait, so a later
      // number often commits first; meanwhile the client's transport is cut six times
      const writers = Array.from({ length: 80 }, (_, i) =>
        sleep(i * 20).then(() =>
          server.ctx.sql.begin(async (tx) => {
            const seq = await publishEvent(tx, 'organisation:changed', [rooms.org(org.id)], { organisationId: org.id, verified: i % 2 === 0 });
            await sleep(Math.random() * 600);
            return seq;
          }),
        ),
      );
      for (let k = 0; k < 6; k++) {
        await sleep(250 + Math.random() * 100);
        client.socket.io.engine.close(); // looks like a lost connection: the client reconnects and resumes
      }
      const committed = (await Promise.all(writers)).sort((a, b) => a - b);
      await expect.poll(() => statuses.at(-1), { timeout: 15_000 }).toBe('online');
      await sleep(800);
      const mine = got.filter((e) => e.seq > since && (e.payload as { organisationId?: string }).organisationId === org.id).map((e) => e.seq);
      expect(statuses.filter((s) => s === 'offline').length).toBeGreaterThanOrEqual(3);
      expect(statuses, statuses.join(' ')).not.toContain('reload');
      expect(mine.filter((s, i) => mine.indexOf(s) !== i)).toEqual([]); // never repeated
      expect([...mine].sort((a, b) => a - b)).toEqual(committed); // never missed
      // the commit order really differed from the number order
      const arrival = got.filter((e) => e.seq > since).map((e) => e.seq);
      expect(arrival.some((s, i) => i > 0 && s < arrival[i - 1]), arrival.join(' ')).toBe(true);
    } finally {
      client.close();
    }
  });
});
