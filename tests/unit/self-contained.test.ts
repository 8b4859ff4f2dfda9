import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

// A fresh clone anywhere must pass its own tests: no file of the project may refer to a path outside
// the repository (a `../shared/` beside the clone, an absolute path of one machine).
const ROOT = resolve(import.meta.dirname, '..', '..');

/** Not the project's own text: installed packages, build output, run data, vendored third-party data. */
const SKIP_DIRS = new Set(['node_modules', '.git', '.data', 'dist', 'test-artifacts', '.build-lock']);
// (this file is skipped too: its examples of what must be refused are such paths)
const SKIP_PATHS = new Set(['package-lock.json', join('server', 'features', 'hsds', 'schemas'), relative(ROOT, import.meta.filename)]);
const TEXT = /\.(ts|tsx|js|cjs|mjs|json|md|sql|py|sh|yml|yaml|html|css)$|^(Dockerfile|run|\.env\.example|\.dockerignore)$/;

/** Absolute paths the project may name: system programs that the README says to install. */
const ALLOWED_ABSOLUTE = new Set(['/usr/bin/chromium']);

function projectFiles(dir = ROOT, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (SKIP_DIRS.has(name) || SKIP_PATHS.has(relative(ROOT, path))) continue;
    if (statSync(path).isDirectory()) projectFiles(path, out);
    else if (TEXT.test(name)) out.push(path);
  }
  return out;
}

/** Whether an absolute path lies outside the repository. */
const outside = (p: string) => {
  const rel = relative(ROOT, p);
  return rel === '..' || rel.startsWith(`..${sep}`);
};

/** Every place in `text` (the content of `file`) that names a path leaving the repository root. */
export function pathsLeavingRepo(file: string, text: string): string[] {
  const found: string[] = [];
  const dir = dirname(file);
  // relative paths, quoted or in prose: imports, new URL('../x', import.meta.url), docs
  for (const m of text.matchAll(/(?:^|[\s'"`(=])((?:\.\.?\/)+[\w.@-][^\s'"`)]*)/gm)) {
    if (outside(resolve(dir, m[1]))) found.push(m[1]);
  }
  // join(import.meta.dirname, '..', '..', 'x') and the like, from the file's folder or the working directory
  for (const m of text.matchAll(/\b(?:join|resolve)\(\s*(import\.meta\.dirname|__dirname|process\.cwd\(\))\s*,([^)]*)\)/g)) {
    const parts = [...m[2].matchAll(/'([^']*)'|"([^"]*)"/g)].map((p) => p[1] ?? p[2]);
    if (outside(resolve(m[1].startsWith('process') ? ROOT : dir, ...parts))) found.push(m[0]);
  }
  // absolute paths of a machine
  for (const m of text.matchAll(/['"`(\s](\/(?:work|home|mnt|srv|opt|usr|var|etc|root|shared)\/[^\s'"`)]*)/g)) {
    if (!ALLOWED_ABSOLUTE.has(m[1])) found.push(m[1]);
  }
  return found;
}

describe('the project is self-contained', () => {
  it('recognises paths that leave the repository', () => {
    const test = join(ROOT, 'tests', 'api', 'x.test.ts');
    expect(pathsLeavingRepo(test, "const H = join(import.meta.dirname, '..', '..', '..', 'shared', 'hsds');")).toHaveLength(1);
    expect(pathsLeavingRepo(test, "import x from '../../../shared/hsds/openapi.json';")).toEqual(['../../../shared/hsds/openapi.json']);
    expect(pathsLeavingRepo(join(ROOT, 'README.md'), 'the schemas in ../shared/hsds/')).toEqual(['../shared/hsds/']);
    expect(pathsLeavingRepo(test, "readFileSync('/work/shared/hsds/service.json')")).toEqual(['/work/shared/hsds/service.json']);
    expect(pathsLeavingRepo(test, "const p = resolve(process.cwd(), '..', 'shared');")).toHaveLength(1);
    // inside the repository
    expect(pathsLeavingRepo(test, "import { x } from '../../shared/schemas/common';")).toEqual([]);
    expect(pathsLeavingRepo(test, "const H = join(import.meta.dirname, '..', '..', 'server', 'features');")).toEqual([]);
    expect(pathsLeavingRepo(test, "executablePath: '/usr/bin/chromium', url: 'https://example.org/../x'")).toEqual([]);
  });

  it('no project file names a path outside the repository', () => {
    const files = projectFiles();
    expect(files.length).toBeGreaterThan(200);
    const offenders = files.flatMap((f) =>
      pathsLeavingRepo(f, readFileSync(f, 'utf8')).map((p) => `${relative(ROOT, f)}: ${p}`),
    );
    expect(offenders).toEqual([]);
  });
});
