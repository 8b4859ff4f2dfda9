import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every action the server writes to the audit log, read from its source (`action: 'x.y'`). */
function serverActions(dir = 'server'): Set<string> {
  const found = new Set<string>();
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) for (const a of serverActions(p)) found.add(a);
    else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/action: '([a-z_]+(?:\.[a-z_]+)+)'/g)) found.add(m[1]);
  }
  return found;
}

describe('audit log actions', () => {
  const actions = [...serverActions()];
  it('are found in the server source', () => {
    expect(actions).toContain('request.confirm');
    expect(actions.length).toBeGreaterThan(20);
  });
  for (const lang of ['de', 'en']) {
    it(`each has a label in ${lang}: the access log never shows a raw code`, () => {
      const labels = JSON.parse(readFileSync(`client/src/features/audit/i18n/${lang}.json`, 'utf8')).actions as Record<string, string>;
      const missing = actions.filter((a) => !labels[a.replaceAll('.', '_')]);
      expect(missing).toEqual([]);
    });
  }
});
