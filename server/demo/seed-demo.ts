import type { AppContext } from '../context';
import { seedDemoBoundaries } from '../features/monitoring/districts-service';
import { hashPassword } from '../passwords';
import { DEMO_ORGS, DEMO_PASSWORD, DEMO_USERS } from './demo-orgs';
import { seedDemoNight } from './demo-night';
import { seedDemoHistory } from './demo-history';
import { seedDemoPlaces } from './demo-places';

/** Extra demo content from features (facilities, units, …), run after organisations and users. */
export type DemoExtension = (ctx: AppContext, orgIds: Map<string, string>) => Promise<void>;
// places first: other extensions (requests, searches) build on the demo units
export const demoExtensions: DemoExtension[] = [seedDemoPlaces, seedDemoNight, seedDemoHistory, seedDemoBoundaries];

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
