import type { SearchCriteria, SearchResponse } from '../../../shared/schemas/search';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { recordSearch } from '../monitoring/recording';
import { resolveCriteria } from './criteria';
import { findBindingConstraint } from './relax';
import { searchPage, type PageOpts } from './service';

/**
 * An ad-hoc search, recorded anonymously for monitoring on its first page (criteria, result count,
 * binding constraint when empty). Recording never fails the search: an error is logged.
 */
export async function runRecordedSearch(ctx: AppContext, actor: UserActor, criteria: SearchCriteria, o: PageOpts): Promise<SearchResponse> {
  const c = await resolveCriteria(ctx.sql, ctx.config, criteria, 'body.criteria');
  // recorded beside the answer times, so the search waits for one round trip less
  return searchPage(ctx, c, o, async ({ total, unitIds }) => {
    if (o.page !== 1) return;
    try {
      const binding = total === 0 ? await findBindingConstraint(ctx, c) : null;
      await recordSearch(ctx, actor, { ...criteria, point: c.point }, { total, unitIds, binding });
    } catch (err) {
      ctx.log.error({ err }, 'recording a search for monitoring failed');
    }
  });
}
