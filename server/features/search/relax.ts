import type { AppContext } from '../../context';
import type { ResolvedCriteria } from './criteria';
import { selectSearchPage } from './queries';

type Relaxation = [constraint: string, relax: (c: ResolvedCriteria) => ResolvedCriteria | null];

/** One criterion loosened at a time, in the order a caseworker would try them. */
const RELAXATIONS: Relaxation[] = [
  ['radius', (c) => (c.radiusKm === undefined ? null : { ...c, radiusKm: c.radiusKm < 100 ? 100 : undefined })],
  ['needs', (c) => (c.needs.length ? { ...c, needs: [] } : null)],
  ['conditions', (c) => (c.conditions.length ? { ...c, conditions: [] } : null)],
  ['secure', (c) => (c.secureSetting ? { ...c, secureSetting: false } : null)],
  ['siblings', (c) => (c.siblings > 1 ? { ...c, siblings: 0 } : null)],
  ['gender', (c) => (c.gender ? { ...c, gender: undefined } : null)],
  ['emergency', (c) => (c.emergencyIntake ? { ...c, emergencyIntake: false } : null)],
  ['serviceType', (c) => (c.serviceType ? { ...c, serviceType: undefined } : null)],
];

/**
 * For a search that found nothing: the criterion whose removal alone finds the most units (the
 * binding constraint) and how many it finds ("at 100 km: 4 units"); null when no single one helps.
 * Age is tried as one year younger or older.
 */
export async function findBindingConstraint(ctx: AppContext, c: ResolvedCriteria): Promise<{ constraint: string; found: number } | null> {
  const tries: [string, ResolvedCriteria][] = [];
  for (const [name, relax] of RELAXATIONS) {
    const r = relax(c);
    if (r) tries.push([name, r]);
  }
  if (c.age !== undefined) for (const age of [c.age - 1, c.age + 1]) if (age >= 0 && age <= 27) tries.push(['age', { ...c, age }]);
  let best: { constraint: string; found: number } | null = null;
  for (const [constraint, r] of tries) {
    const { total } = await selectSearchPage(ctx.sql, r, 'fit', 1, 0);
    if (total > 0 && (!best || total > best.found)) best = { constraint, found: total };
  }
  return best;
}
