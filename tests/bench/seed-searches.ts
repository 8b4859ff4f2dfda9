/**
 * The bulk seeding path of the stress bench: opens `count` searches with the product's own pieces
 * (criteria resolution, `insertOpenSearch`, `insertInitialMatches`: the same first match set as
 * opening one), but many per transaction, two transactions at a time, and without the per-search
 * opening lock and audit entry (nothing else runs while seeding).
 */
import type { AppContext } from '../../server/context';
import { generateOpenSearchCriteria, type GenerateResult } from '../../server/demo/generate';
import { resolveCriteria, type ResolvedCriteria } from '../../server/features/search/criteria';
import type { SearchCriteria } from '../../shared/schemas/search';
import { insertOpenSearch } from '../../server/features/search/open-queries';
import { insertInitialMatches } from '../../server/features/search/match-store';

const PER_TRANSACTION = 100;
const WORKERS = 2;

export async function seedOpenSearchesBulk(
  ctx: AppContext,
  count: number,
  caseworkers: GenerateResult['caseworkers'],
  onProgress: (done: number, total: number) => void,
): Promise<void> {
  const all = await generateOpenSearchCriteria(ctx, count);
  let next = 0;
  let done = 0;
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      for (;;) {
        const from = next;
        if (from >= count) return;
        next = Math.min(count, from + PER_TRANSACTION);
        const resolved: { i: number; criteria: SearchCriteria; c: ResolvedCriteria }[] = [];
        for (let i = from; i < next; i++) resolved.push({ i, criteria: all[i], c: await resolveCriteria(ctx.sql, ctx.config, all[i], 'criteria') });
        await ctx.sql.begin(async (tx) => {
          for (const { i, criteria, c } of resolved) {
            const cw = caseworkers[i % caseworkers.length];
            const id = await insertOpenSearch(tx, { officeId: cw.officeId, ownerUserId: cw.id, criteria, c, expiresInHours: ctx.config.SEARCH_OPEN_HOURS, name: null, caseRef: null });
            await insertInitialMatches(tx, id, c);
          }
        });
        const before = done;
        done += resolved.length;
        if (Math.floor(done / 1000) > Math.floor(before / 1000)) onProgress(Math.floor(done / 1000) * 1000, count);
      }
    }),
  );
}
