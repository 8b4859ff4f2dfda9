import { describe, expect, it } from 'vitest';
import { timestamptzToIso } from '../../server/db';

describe('timestamptz values from the database', () => {
  it('come out exactly as new Date(x).toISOString() would give them, for UTC and any other form', () => {
    const samples = [
      '2026-11-30 22:27:00+00',
      '2026-11-30 22:27:00.1+00',
      '2026-11-30 22:27:00.12+00',
      '2026-11-30 22:27:00.1239+00',
      '2026-11-30 22:27:00.999999+00',
      '0999-01-01 00:00:00.5+00',
      '2024-02-29 23:59:59.000001+00',
      // not UTC: through Date
      '2026-11-30 23:27:00.123456+01',
      '2026-06-30 05:27:00+05:30',
    ];
    let seed = 7;
    const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31);
    for (let i = 0; i < 2000; i++) {
      const d = new Date(Date.UTC(1970 + (next() % 100), next() % 12, 1 + (next() % 28), next() % 24, next() % 60, next() % 60));
      const frac = next() % 3 === 0 ? '' : `.${String(next() % 1_000_000).padStart(6, '0').slice(0, 1 + (next() % 6))}`;
      samples.push(`${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}${frac}+00`);
    }
    for (const s of samples) expect(timestamptzToIso(s), s).toBe(new Date(s).toISOString());
  });
});
