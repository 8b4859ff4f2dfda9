/**
 * Lints the OpenAPI document exactly as the app serves it, built from the route registry without a
 * database: writes it to a temporary file and runs Redocly's linter on it (rules: redocly.yaml).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpenApi } from '../server/http/openapi';
import { allRoutes } from '../server/routes';

const ROOT = join(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
const dir = mkdtempSync(join(tmpdir(), 'hpb-openapi-'));
const file = join(dir, 'openapi.json');
writeFileSync(file, JSON.stringify(buildOpenApi(allRoutes, version), null, 2));
const lint = spawnSync(join(ROOT, 'node_modules', '.bin', 'redocly'), ['lint', file, '--config', join(ROOT, 'redocly.yaml')], {
  stdio: 'inherit',
  // the linter reports usage to its vendor unless told not to; CI calls no third party
  env: { ...process.env, REDOCLY_TELEMETRY: 'off' },
});
rmSync(dir, { recursive: true, force: true });
process.exit(lint.status ?? 1);
