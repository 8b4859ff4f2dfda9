import type { Sql } from '../../server/db';
import { call, type Answer, type Session } from './harness';

/**
 * The load of the failover test: caseworkers searching, and request → accept (a hold) → confirm
 * (a placement) cycles on several units, through either app node. Every answer is kept, and every
 * hold and placement the app acknowledged (200) is written down, to be found again afterwards.
 */
export class PlacementLoad {
  readonly answers: Answer[] = [];
  /** Requests whose accept (the hold) was answered 200. */
  readonly held = new Set<string>();
  /** Requests whose confirm (the placement) was answered 200. */
  readonly placed = new Set<string>();
  private running = true;
  private loops: Promise<void>[] = [];
  private n = 0;

  constructor(
    private readonly urls: () => string[],
    private readonly office: Session,
    private readonly staff: Session,
    private readonly unitIds: string[],
    private readonly tag: string,
  ) {}

  /**
   * `cyclePauseMs` paces the placement cycles: the same load whatever the machine's speed (unpaced, a
   * quiet machine ran ten times the cycles of a loaded one, used up every place and queued mail jobs
   * faster than two nodes send them, which is not what the test is about).
   */
  start(o: { searchers: number; cyclers: number; cyclePauseMs?: number }): void {
    for (let i = 0; i < o.searchers; i++) this.loops.push(this.loop(() => this.search(i), 50));
    for (let i = 0; i < o.cyclers; i++) this.loops.push(this.loop(() => this.cycle(i), o.cyclePauseMs ?? 50));
  }

  private async loop(step: () => Promise<unknown>, pauseMs: number) {
    while (this.running) {
      await step();
      await new Promise((r) => setTimeout(r, pauseMs));
    }
  }

  private url(i: number): string {
    const all = this.urls();
    return all[i % all.length];
  }

  private async record(a: Promise<Answer>): Promise<Answer> {
    const answer = await a;
    this.answers.push(answer);
    return answer;
  }

  private search(i: number) {
    const criteria = { serviceType: '34', age: 13, gender: 'male', reference: { postcode: '50667' }, radiusKm: 25 };
    return this.record(call(this.url(i), this.office, 'POST', '/api/v1/search', { criteria }));
  }

  /** One placement: each step through the other node than the last; a step that fails ends the cycle. */
  private async cycle(i: number): Promise<void> {
    const k = this.n++;
    const unitId = this.unitIds[k % this.unitIds.length];
    const body = { unitIds: [unitId], caseRef: `${this.tag}-${i}-${k}`, childAge: 13, childGender: 'male', needs: [], desiredStart: new Date().toISOString().slice(0, 10), urgency: 'regular' };
    const created = await this.record(call(this.url(k), this.office, 'POST', '/api/v1/requests', body));
    if (created.status !== 201) return;
    const id = created.body.items[0].id as string;
    const accepted = await this.record(call(this.url(k + 1), this.staff, 'POST', `/api/v1/requests/${id}/accept`, {}));
    if (accepted.status !== 200) return;
    this.held.add(id);
    const confirmed = await this.record(call(this.url(k), this.office, 'POST', `/api/v1/requests/${id}/confirm`, {}, { 'idempotency-key': `confirm-${id}` }));
    if (confirmed.status === 200 && confirmed.body.status === 'confirmed') this.placed.add(id);
  }

  async stop(): Promise<Answer[]> {
    this.running = false;
    await Promise.all(this.loops);
    return this.answers;
  }
}

/** Writes are requests, accepts and confirms (every step of a cycle writes). */
export const isWrite = (a: Answer) => a.route !== 'POST /api/v1/search';

/**
 * What the database says about the load afterwards: acknowledged holds and placements not found
 * (lost), and units whose places do not add up (a place given twice or a hold counted wrong).
 */
export async function audit(db: Sql, load: PlacementLoad, initialFree: Map<string, number>) {
  const ids = [...load.held];
  const rows = ids.length ? await db`select id, status from placement_requests where id in ${db(ids)}` : [];
  const status = new Map(rows.map((r) => [r.id as string, r.status as string]));
  const lostHolds = ids.filter((id) => !['accepted', 'confirmed'].includes(status.get(id) ?? ''));
  const lostPlacements = [...load.placed].filter((id) => status.get(id) !== 'confirmed');
  const units = await db`
    select u.id, u.free_places, u.held_places,
      (select count(*) from placement_requests r where r.unit_id = u.id and r.status = 'confirmed')::int as confirmed,
      (select count(*) from placement_requests r where r.unit_id = u.id and r.status = 'accepted')::int as accepted
    from units u where u.id in ${db([...initialFree.keys()])}`;
  const doubleBooked = units
    .filter((u) => u.freePlaces !== initialFree.get(u.id)! - u.confirmed || u.heldPlaces !== u.accepted || u.confirmed + u.accepted > initialFree.get(u.id)!)
    .map((u) => `${u.id}: free ${u.freePlaces} held ${u.heldPlaces}, confirmed ${u.confirmed} accepted ${u.accepted} of ${initialFree.get(u.id)}`);
  return { lostHolds, lostPlacements, doubleBooked, placements: units.reduce((s, u) => s + u.confirmed, 0) };
}
