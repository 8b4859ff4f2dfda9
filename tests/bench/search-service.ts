/**
 * `search_service` of `npm run bench`: what the search API does for one call, straight in the bench
 * process without HTTP: the session lookup and, beside it, the search's reads (criteria, the page and
 * the paused units with their answer times: the route's prefetch), then the product's recorded search
 * (the answer's objects; the monitoring record is written after the answer). Set beside `search_sql` (the
 * page statement alone) and `search_api` it shows how much of the API's time is its further
 * statements and how much is the app's HTTP side (express, session, JSON, the node's own load).
 */
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { SearchCriteriaSchema, type SearchCriteriaInput } from '../../shared/schemas/search';
import type { AppContext } from '../../server/context';
import type { Sql } from '../../server/db';
import { findSession, hashSecret } from '../../server/features/auth/sessions';
import { runRecordedSearch } from '../../server/features/search/recorded';
import { readAdHocSearch } from '../../server/features/search/service';
import type { UserActor } from '../../server/http/actor';

/** The app node's CPU time so far (user + system), in ms (Linux). */
export function cpuMs(pid: number): number {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * (1000 / 100);
}

export async function searchServiceTimes(sql: Sql, config: AppContext['config'], sessionSecret: string, cookie: string, list: SearchCriteriaInput[]): Promise<number[]> {
  const ctx = { config, sql, log: pino({ level: 'silent' }) } as unknown as AppContext;
  const id = hashSecret(sessionSecret, decodeURIComponent(cookie.split('=')[1]));
  const ms: number[] = [];
  for (const input of list) {
    const t0 = performance.now();
    const session = findSession(sql, id);
    const criteria = SearchCriteriaSchema.parse(input);
    const o = { sort: 'fit' as const, page: 1, perPage: 25 };
    const read = readAdHocSearch(ctx, criteria, o);
    read.catch(() => {});
    const s = (await session)!;
    const actor: UserActor = { kind: 'user', userId: s.userId, orgId: s.organisationId, orgKind: 'office', role: 'caseworker', sessionId: id, csrfToken: s.csrfToken, orgVerified: true };
    await runRecordedSearch(ctx, actor, criteria, o, read);
    ms.push(performance.now() - t0);
  }
  return ms;
}
