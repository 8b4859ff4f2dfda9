import type { AppContext } from '../context';

/** Fallback numbers for each demo office (its on-call service, its Landesjugendamt) and the on-call worker's direct number. */
const FALLBACK: Record<string, { kind: string; label: string; phone: string }[]> = {
  'ja-koeln': [
    { kind: 'office_oncall', label: 'Rufbereitschaft Jugendamt Köln', phone: '0221 221-94000' },
    { kind: 'state_office', label: 'LVR-Landesjugendamt Rheinland', phone: '0221 809-0' },
  ],
  'ja-mainz-bingen': [
    { kind: 'office_oncall', label: 'Rufbereitschaft Kreisjugendamt', phone: '06132 787-7777' },
    { kind: 'state_office', label: 'Landesjugendamt Rheinland-Pfalz', phone: '06131 967-0' },
  ],
  'ja-luebeck': [
    { kind: 'office_oncall', label: 'Rufbereitschaft Jugendamt Lübeck', phone: '0451 122-4444' },
    { kind: 'state_office', label: 'Landesjugendamt Schleswig-Holstein', phone: '0431 988-0' },
  ],
  'ja-leipzig': [
    { kind: 'office_oncall', label: 'Kinder- und Jugendnotdienst Leipzig', phone: '0341 123-4600' },
    { kind: 'state_office', label: 'Landesjugendamt Sachsen', phone: '0371 24081-0' },
  ],
};

export async function seedDemoNight(ctx: AppContext, orgIds: Map<string, string>): Promise<void> {
  await ctx.sql.begin(async (tx) => {
    for (const [key, items] of Object.entries(FALLBACK)) {
      for (const [i, c] of items.entries()) {
        await tx`insert into office_fallback_contacts (office_id, kind, label, phone, position) values (${orgIds.get(key)!}, ${c.kind}, ${c.label}, ${c.phone}, ${i})`;
      }
    }
    await tx`update users set direct_phone = '0221 221-94010' where email = 'bereitschaft@koeln.example'`;
  });
}
