import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from './db';

export const MIGRATIONS_DIR = join(import.meta.dirname, '..', 'migrations');
/** Repeatable files below the migrations folder: one database function each, in its current form. */
export const FUNCTIONS_SUBDIR = 'functions';
const LOCK_KEY = 4_242_001; // advisory lock: several nodes may start at once

export interface MigrationResult {
  /** Numbered migrations applied by this call. */
  applied: string[];
  /** Repeatable files (`functions/<name>`) applied because they are new or changed. */
  functions: string[];
}

const checksumOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Applies every `migrations/NNNN_name.sql` not yet recorded, in order, each inside its own
 * transaction. A recorded migration whose file changed stops the start: migrations are never edited.
 * Then applies each repeatable `migrations/functions/<name>.sql` that is new or whose checksum
 * changed (they use `create or replace`, so applying one again is harmless).
 * `{{APP_ROLE}}` in a file stands for the configured application role. An empty database gets all
 * of it in one transaction (migrateEmptyInOneTransaction); an existing one is migrated step by step.
 */
export async function migrate(sql: Sql, appRole: string, dir = MIGRATIONS_DIR, opts: { batchWhenEmpty?: boolean } = {}): Promise<MigrationResult> {
  const files = readdirSync(dir).filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f)).sort();
  const applied: string[] = [];
  await sql`create table if not exists schema_migrations (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`;
  await sql`create table if not exists schema_repeatables (
    name text primary key, checksum text not null, applied_at timestamptz not null default now())`;
  const batched = opts.batchWhenEmpty === false ? null : await migrateEmptyInOneTransaction(sql, appRole, dir, files);
  if (batched) return batched;
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const checksum = checksumOf(text);
    const name = file.replace(/\.sql$/, '');
    await sql.begin(async (tx) => {
      // several nodes may start at once: one applies, the others wait and then skip
      await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
      const [done] = await tx`select checksum from schema_migrations where name = ${name}`;
      if (done) {
        if (done.checksum !== checksum) throw new Error(`Migration ${file} was changed after it was applied; add a new migration instead.`);
        return;
      }
      await tx.unsafe(text.replaceAll('{{APP_ROLE}}', appRole));
      await tx`insert into schema_migrations (name, checksum) values (${name}, ${checksum})`;
      applied.push(name);
    });
  }
  return { applied, functions: await applyRepeatables(sql, appRole, join(dir, FUNCTIONS_SUBDIR)) };
}

const repeatableFiles = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((f) => /^[a-z0-9_]+\.sql$/.test(f)).sort() : []);

/**
 * An empty database (a first start, a test cluster): every numbered migration and then every
 * repeatable file, the same statements in the same order as one by one, but in one transaction:
 * one commit instead of one per file. Null when the database is not empty (another node may have
 * migrated it meanwhile) or when the files cannot share a transaction (e.g. a migration that uses
 * an enum value added by an earlier one): then the caller applies them one by one, as always.
 * tests/unit/migrate-batched.test.ts proves both ways end in the same schema.
 */
async function migrateEmptyInOneTransaction(sql: Sql, appRole: string, dir: string, files: string[]): Promise<{ applied: string[]; functions: string[] } | null> {
  const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from schema_migrations`;
  if (n > 0 || files.length === 0) return null;
  const read = (path: string) => {
    const text = readFileSync(path, 'utf8');
    return { text, checksum: checksumOf(text) };
  };
  try {
    return await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
      const [again] = await tx<{ n: number }[]>`select count(*)::int as n from schema_migrations`;
      if (again.n > 0) return null;
      const applied = files.map((f) => ({ name: f.replace(/\.sql$/, ''), ...read(join(dir, f)) }));
      for (const m of applied) await tx.unsafe(m.text.replaceAll('{{APP_ROLE}}', appRole));
      const fnDir = join(dir, FUNCTIONS_SUBDIR);
      const functions = repeatableFiles(fnDir).map((f) => ({ name: `${FUNCTIONS_SUBDIR}/${f.replace(/\.sql$/, '')}`, ...read(join(fnDir, f)) }));
      for (const f of functions) await tx.unsafe(f.text.replaceAll('{{APP_ROLE}}', appRole));
      await tx`insert into schema_migrations (name, checksum)
        select * from unnest(${applied.map((m) => m.name)}::text[], ${applied.map((m) => m.checksum)}::text[])`;
      if (functions.length) {
        await tx`insert into schema_repeatables (name, checksum)
          select * from unnest(${functions.map((f) => f.name)}::text[], ${functions.map((f) => f.checksum)}::text[])`;
      }
      return { applied: applied.map((m) => m.name), functions: functions.map((f) => f.name) };
    });
  } catch {
    return null; // rolled back as a whole: one by one now, where a real error shows with its file
  }
}

/** Applies the repeatable files that are new or changed since they were last applied, by name order. */
async function applyRepeatables(sql: Sql, appRole: string, dir: string): Promise<string[]> {
  const files = repeatableFiles(dir);
  const applied: string[] = [];
  for (const file of files) {
    const text = readFileSync(join(dir, file), 'utf8');
    const checksum = checksumOf(text);
    const name = `${FUNCTIONS_SUBDIR}/${file.replace(/\.sql$/, '')}`;
    await sql.begin(async (tx) => {
      await tx`select pg_advisory_xact_lock(${LOCK_KEY})`;
      const [done] = await tx`select checksum from schema_repeatables where name = ${name}`;
      if (done?.checksum === checksum) return;
      await tx.unsafe(text.replaceAll('{{APP_ROLE}}', appRole));
      await tx`
        insert into schema_repeatables (name, checksum) values (${name}, ${checksum})
        on conflict (name) do update set checksum = excluded.checksum, applied_at = now()`;
      applied.push(name);
    });
  }
  return applied;
}
