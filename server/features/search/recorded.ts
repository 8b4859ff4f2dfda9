import type { SearchCriteria, SearchResponse } from '../../../shared/schemas/search';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { recordSearchAfterAnswer } from '../monitoring/recording';
import { resolveCriteria } from './criteria';
import { findBindingConstraint } from './relax';
import { searchPage, type PageOpts } from './service';

/**
 * An ad-hoc search, recorded anonymously for monitoring on its first page (criteria, result count,
 * binding constraint when empty). The record is written beside the answer, which does not wait for
 * it (server/after-answer.ts: a graceful stop waits, a crash may lose the last few records); it
 * never fails the search: an error is logged. The records of searches answered within a few
 * milliseconds of each other are written together (monitoring/recording.ts).
 */
export async function runRecordedSearch(ctx: AppContext, actor: UserActor, criteria: SearchCriteria, o: PageOpts): Promise<SearchResponse> {
  const c = await resolveCriteria(ctx.sql, ctx.config, criteria, 'body.criteria');
  return searchPage(ctx, c, o, ({ total, unitIds }) => {
    if (o.page !== 1) return;
    recordSearchAfterAnswer(ctx, actor, { ...criteria, point: c.point }, { total, unitIds }, () => findBindingConstraint(ctx, c));
  });
}
