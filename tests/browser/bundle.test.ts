import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildClientIfNeeded } from '../../server/build-client';

const DIST = join(import.meta.dirname, '..', '..', 'client', 'dist');

describe('bundle size', () => {
  it("the login route's JavaScript is at most 250 KB gzipped", () => {
    buildClientIfNeeded(() => {});
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    // what the browser loads before the login page shows: the entry script and its preloads
    const files = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map((m) => m[1]);
    expect(files.length).toBeGreaterThan(0);
    const gz = files.reduce((sum, f) => sum + gzipSync(readFileSync(join(DIST, f))).length, 0);
    console.log(`login route JavaScript: ${files.length} file(s), ${(gz / 1024).toFixed(1)} KB gzipped`);
    expect(gz).toBeLessThanOrEqual(250 * 1024);
  });
});
