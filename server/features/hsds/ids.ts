import { createHash } from 'node:crypto';

/**
 * HSDS wants a UUID for every object, also for things that are rows' columns here (a phone, an
 * address, a taxonomy term with a text code). These are name-based (version 5 style, SHA-1) so the
 * same thing keeps the same id across calls and exports.
 */
export function hsdsId(...parts: string[]): string {
  const h = createHash('sha1').update(`heimplatzboerse:hsds:${parts.join(':')}`).digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

// A service_at_location id is the unit id with the bits of a fixed mask flipped: distinct from the
// service id, stable, and reversible without a lookup table.
const MASK = Buffer.from(hsdsId('service_at_location', 'mask').replace(/-/g, ''), 'hex');
// keep the version and variant bits, so the result is as valid a UUID as the unit id
MASK[6] &= 0x0f;
MASK[8] &= 0x3f;
function flip(uuid: string): string {
  const b = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  for (let i = 0; i < 16; i++) b[i] ^= MASK[i];
  const x = b.toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
export const salIdOf = flip;
export const unitIdOfSal = flip;

// The formats HSDS's schemas declare (as ajv-formats checks them): a value that does not fit is
// left out rather than sent broken.
const EMAIL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

export function safeEmail(v: string | null | undefined): string | undefined {
  return v && EMAIL.test(v) ? v : undefined;
}

export function safeUrl(v: string | null | undefined): string | undefined {
  if (!v) return undefined;
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** Drops null and undefined values (HSDS fields are typed, never nullable): `{ a: null }` → `{}`. */
export function compact<T extends object>(o: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

export const STATE_NAMES: Record<string, string> = {
  '01': 'Schleswig-Holstein',
  '02': 'Hamburg',
  '03': 'Niedersachsen',
  '04': 'Bremen',
  '05': 'Nordrhein-Westfalen',
  '06': 'Hessen',
  '07': 'Rheinland-Pfalz',
  '08': 'Baden-Württemberg',
  '09': 'Bayern',
  '10': 'Saarland',
  '11': 'Berlin',
  '12': 'Brandenburg',
  '13': 'Mecklenburg-Vorpommern',
  '14': 'Sachsen',
  '15': 'Sachsen-Anhalt',
  '16': 'Thüringen',
};
