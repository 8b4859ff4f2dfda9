import type { AppContext } from '../context';
import { seedDemoBoundaries } from '../features/monitoring/districts-service';
import { hashPassword } from '../passwords';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from './demo-orgs';
import { seedDemoNight } from './demo-night';
import { writeDemoHistory } from './demo-history';
import { seedDemoPlaces } from './demo-places';

/** Extra demo content from features (facilities, units, …), run after organisations and users. */
export type DemoExtension = (ctx: AppContext, orgIds: Map<string, string>) => Promise<void>;
// places first: other extensions (requests, searches) build on the demo units
export const demoExtensions: DemoExtension[] = [seedDemoPlaces, seedDemoNight, seedDemoBoundaries];

/** Loads the demo data set once: when the platform organisation of the demo is not there yet. */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<boolean> {
  const [existing] = await ctx.sql`select 1 from users where email = ${DEMO_USERS.at(-1)!.email}`;
  if (existing) return false;
  const hashing = hashPassword(DEMO_PASSWORD); // on libuv's threads, while the organisations go in
  hashing.catch(() => {});
  const orgIds = new Map<string, string>();
  await ctx.sql.begin(async (tx) => {
    for (const o of DEMO_ORGS) {
      const [row] = await tx`
        insert into organisations (kind, name, district_ags, street, postcode, city, phone, emergency_phone, email, website, verified_at)
        values (${o.kind}, ${o.name}, ${o.districtAgs ?? null}, ${o.street}, ${o.postcode}, ${o.city}, ${o.phone},
                ${o.emergencyPhone ?? null}, ${o.email}, ${o.website ?? null}, ${o.verified ? new Date().toISOString() : null})
        returning id`;
      orgIds.set(o.key, row.id);
    }
    const passwordHash = await hashing;
    for (const u of DEMO_USERS) {
      await tx`insert into users (organisation_id, org_kind, email, display_name, role, password_hash)
        values (${orgIds.get(u.org)!}, ${DEMO_ORGS.find((o) => o.key === u.org)!.kind}, ${u.email}, ${u.displayName}, ${u.role}, ${passwordHash})`;
    }
  });
  for (const ext of demoExtensions) await ext(ctx, orgIds);
  return true;
}

const HISTORY_LOCK_KEY = 4_242_016; // advisory lock: several nodes may start at once

/**
 * The demo's year of monitoring history (server/demo/demo-history.ts), when it is not there yet: the
 * node runs this once it serves (server/index.ts), because on a first start it was the larger part of
 * the demo data's time and nothing but the monitoring charts needs it. One transaction: the charts show
 * all of it or none; a start stopped before it committed loads it on the next start. False when the
 * demo organisations are missing (no demo data) or the history is there already.
 */
export async function seedDemoHistoryIfMissing(ctx: AppContext): Promise<boolean> {
  // the organisations by their demo users (e-mail addresses are unique); the history needs only these
  const rows = await ctx.sql<{ email: string; organisationId: string }[]>`
    select email, organisation_id from users where email = any(${DEMO_USERS.map((u) => u.email)}::text[])`;
  const orgOf = new Map(DEMO_USERS.map((u) => [u.email, u.org]));
  const orgIds = new Map(rows.map((r) => [orgOf.get(r.email)!, r.organisationId]));
  if (!orgIds.size) return false;
  return ctx.sql.begin(async (tx) => {
    // several nodes may start at once: one writes it, the others then find it
    await tx`select pg_advisory_xact_lock(${HISTORY_LOCK_KEY})`;
    const [done] = await tx`select 1 from placement_requests where office_id = any(${[...orgIds.values()]}::uuid[]) and case_ref like 'DEMO-%' limit 1`;
    if (done) return false;
    await writeDemoHistory(tx, orgIds);
    return true;
  });
}
