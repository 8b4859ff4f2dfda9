import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

const TEXT = /\.(js|mjs|css|html|svg|json|webmanifest|txt)$/;

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

/**
 * Writes a `.br` and a `.gz` beside every text asset of the build (over 1 KB), once, at build time:
 * the server sends them to browsers that accept them (server/http/precompressed.ts) and spends no
 * CPU compressing per request.
 */
export function precompress(outDir: string): Plugin {
  return {
    name: 'heimplatz-precompress',
    apply: 'build',
    closeBundle() {
      for (const p of files(outDir)) {
        if (!TEXT.test(p) || statSync(p).size < 1024) continue;
        const raw = readFileSync(p);
        writeFileSync(`${p}.br`, brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } }));
        writeFileSync(`${p}.gz`, gzipSync(raw, { level: 9 }));
      }
    },
  };
}
