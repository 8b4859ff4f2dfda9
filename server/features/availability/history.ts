import type { BoardAnswerTimes, Confirmation, ConfirmationHistory } from '../../../shared/schemas/board';
import type { AppContext } from '../../context';
import type { AuthedActor } from '../../http/actor';
import { notFound } from '../../http/errors';
import { ANSWER_DAYS, answerTimesOf, regionalAnswerTimes } from '../requests/answer-times';
import { ownsUnit, selectConfirmations, type ConfirmationRow } from './history-queries';

/** How a confirmation came in, from the audited action and the kind of actor of its transaction. */
function viaOf(r: ConfirmationRow): Confirmation['via'] {
  if (r.action === 'availability.csv') return 'csv';
  if (r.action === 'availability.confirm-link') return 'link';
  if (r.actorKind === 'token') return 'api';
  if (r.actorKind === 'user') return 'board';
  if (r.actorKind === 'system') return 'system';
  return 'unknown';
}

/** A unit's freshness history: when its figures were confirmed, by whom or by which token or link. */
export async function confirmationHistory(ctx: AppContext, actor: AuthedActor, unitId: string, limit: number): Promise<ConfirmationHistory> {
  if (!(await ownsUnit(ctx.sql, actor.orgId, unitId))) throw notFound('Unit');
  const rows = await selectConfirmations(ctx.sql, actor.orgId, unitId, limit);
  return {
    unitId,
    items: rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      via: viaOf(r),
      action: r.action,
      userName: r.userName,
      tokenName: r.tokenName,
      linkSentTo: r.linkSentTo,
    })),
  };
}

/** The provider's own answer times over 90 days beside the median of all providers with enough requests. */
export async function boardAnswerTimes(ctx: AppContext, actor: AuthedActor): Promise<BoardAnswerTimes> {
  const own = (await answerTimesOf(ctx.sql, [actor.orgId])).get(actor.orgId)!;
  return { own, region: await regionalAnswerTimes(ctx.sql), days: ANSWER_DAYS };
}
