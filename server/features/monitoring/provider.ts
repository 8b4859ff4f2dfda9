import type { ProviderMonitoring } from '../../../shared/schemas/monitoring';
import { settleAfterAnswer } from '../../after-answer';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { cell, median } from './cells';
import { splitPeriod } from './periods';
import { selectNeighbourProviders, selectOwnUnits } from './provider-queries';
import { selectUnmetAround } from './search-queries';
import { ANSWER_TARGETS, FRESH_HOURS, toAnswer, toFreshness } from './service';
import { selectFreshness } from './supply-queries';
import { selectAnswerTimes } from './time-queries';

/**
 * A provider's own figures: appearances, requests and acceptances of its units; the searches
 * around its units that found nothing; its freshness and answer times beside the median of the
 * providers around it (within MONITORING_RADIUS_KM).
 */
export async function providerMonitoring(ctx: AppContext, actor: UserActor, origin: AuditOrigin, days: number): Promise<ProviderMonitoring> {
  // the search records of this node's answered searches are written after their answers: counted here
  await settleAfterAnswer();
  await writeAudit(ctx.sql, actor, origin, { action: 'monitoring.view', objectType: 'monitoring', details: { figure: 'provider', days } });
  const km = ctx.config.MONITORING_RADIUS_KM;
  const to = new Date();
  const from = new Date(to.getTime() - days * 86_400_000);
  const [units, around, neighbours] = await Promise.all([
    selectOwnUnits(ctx.sql, actor.orgId, from),
    splitPeriod(ctx.sql, 'searches', from, to).then((sp) => selectUnmetAround(ctx.sql, sp, actor.orgId, km)),
    selectNeighbourProviders(ctx.sql, actor.orgId, km),
  ]);
  const [freshRows, answerRows] = await Promise.all([
    selectFreshness(ctx.sql, null, FRESH_HOURS, neighbours),
    selectAnswerTimes(ctx.sql, { scope: 'all', districts: null, officeId: null, radiusKm: null, days, from, to }, ANSWER_TARGETS, neighbours),
  ]);
  const fresh = freshRows.filter((f) => f.providerId !== null);
  const own = fresh.find((f) => f.providerId === actor.orgId) ?? { providerId: actor.orgId, name: '', units: 0, unitsConfirmed: 0, freePlaces: 0, freePlacesConfirmed: 0 };
  const answers = answerRows.filter(
    (r) => r.providerId !== null && neighbours.includes(r.providerId),
  );
  const counted = answers.filter((a) => a.requests >= 5);
  return {
    days,
    radiusKm: km,
    units: units.map((u) => ({ unitId: u.unitId, name: u.name, appearances: cell(u.appearances), requests: cell(u.requests), accepted: cell(u.accepted) })),
    unmetAround: around.map((r) => ({ ...r, count: cell(r.count) })),
    unmetAroundTotal: cell(around.reduce((n, r) => n + r.count, 0)),
    freshness: {
      own: toFreshness(own),
      regionMedianShareUnits: median(fresh.filter((f) => f.units > 0).map((f) => f.unitsConfirmed / f.units)),
    },
    answerTimes: {
      own: toAnswer(answers.find((a) => a.providerId === actor.orgId)),
      regionMedianShareWithinTarget: median(counted.map((a) => a.within / a.requests)),
      regionMedianMinutes: median(counted.flatMap((a) => (a.medianMinutes === null ? [] : [a.medianMinutes]))),
    },
  };
}
