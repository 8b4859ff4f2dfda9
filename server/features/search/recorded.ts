import type { SearchCriteria, SearchResponse } from '../../../shared/schemas/search';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { recordSearchAfterAnswer } from '../monitoring/recording';
import { findBindingConstraint } from './relax';
import { answerOf, readAdHocSearch, type AdHocRead, type PageOpts } from './service';

/**
 * An ad-hoc search, recorded anonymously for monitoring on its first page (criteria, result count,
 * binding constraint when empty). The record is written beside the answer, which does not wait for
 * it (server/after-answer.ts: a graceful stop waits, a crash may lose the last few records); it
 * never fails the search: an error is logged. The records of searches answered within a few
 * milliseconds of each other are written together (monitoring/recording.ts).
 * `read`: the same criteria's reads, when the route started them beside the session's lookup; the
 * record is still made for the checked caller only.
 */
export async function runRecordedSearch(ctx: AppContext, actor: UserActor, criteria: SearchCriteria, o: PageOpts, read?: Promise<AdHocRead>): Promise<SearchResponse> {
  const found = await (read ?? readAdHocSearch(ctx, criteria, o));
  const { c, page } = found;
  if (o.page === 1) {
    recordSearchAfterAnswer(ctx, actor, { ...criteria, point: c.point }, { total: page.total, unitIds: page.rows.map((r) => r.unitId) }, () => findBindingConstraint(ctx, c));
  }
  return answerOf(ctx, found, o);
}
