import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { migrate } from '../../server/migrate';

/**
 * An empty database is migrated in one transaction (server/migrate.ts); every other one step by
 * step. Both must end in the same database: the project's own migrations are applied both ways to
 * two new databases and their catalogs compared, so a new migration cannot make the two drift.
 */
const CATALOG: Record<string, string> = {
  extensions: `select extname, extversion from pg_extension order by 1`,
  schemas: `select nspname, nspacl::text from pg_namespace where nspname !~ '^(pg_|information_schema)' order by 1`,
  relations: `select n.nspname, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.reloptions::text, c.relacl::text,
                     pg_get_userbyid(c.relowner) as owner
              from pg_class c join pg_namespace n on n.oid = c.relnamespace
              where n.nspname !~ '^(pg_|information_schema)' order by 1, 2`,
  columns: `select table_schema, table_name, column_name, ordinal_position, data_type, udt_name, is_nullable, column_default,
                   is_generated, generation_expression, collation_name
            from information_schema.columns where table_schema !~ '^(pg_|information_schema)' order by 1, 2, 4`,
  constraints: `select conrelid::regclass::text as rel, contypid::regtype::text as domain, conname, contype, pg_get_constraintdef(oid) as def
                from pg_constraint where connamespace::regnamespace::text !~ '^(pg_|information_schema)' order by 1, 2, 3`,
  indexes: `select schemaname, tablename, indexname, indexdef from pg_indexes where schemaname !~ '^(pg_|information_schema)' order by 1, 2, 3`,
  functions: `select n.nspname, p.proname, pg_get_function_identity_arguments(p.oid) as args, p.prokind, p.proacl::text,
                     case when p.prokind in ('f', 'p') then pg_get_functiondef(p.oid) end as def
              from pg_proc p join pg_namespace n on n.oid = p.pronamespace
              where n.nspname !~ '^(pg_|information_schema)'
                and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
              order by 1, 2, 3`,
  triggers: `select tgrelid::regclass::text as rel, tgname, tgenabled, pg_get_triggerdef(oid) as def from pg_trigger where not tgisinternal order by 1, 2`,
  views: `select schemaname, viewname, definition from pg_views where schemaname !~ '^(pg_|information_schema)' order by 1, 2`,
  matviews: `select schemaname, matviewname, definition from pg_matviews order by 1, 2`,
  enums: `select t.typname, string_agg(e.enumlabel, ',' order by e.enumsortorder) as labels from pg_enum e join pg_type t on t.oid = e.enumtypid group by 1 order by 1`,
  types: `select n.nspname, t.typname, t.typtype, t.typacl::text from pg_type t join pg_namespace n on n.oid = t.typnamespace
          where n.nspname !~ '^(pg_|information_schema)' and t.typtype in ('d', 'e', 'c') and not exists (select 1 from pg_class c where c.oid = t.typrelid and c.relkind <> 'c')
          order by 1, 2`,
  policies: `select schemaname, tablename, policyname, permissive, roles::text, cmd, qual, with_check from pg_policies order by 1, 2, 3`,
  sequences: `select schemaname, sequencename, data_type, start_value, increment_by, last_value from pg_sequences order by 1, 2`,
  defaultAcl: `select defaclnamespace::regnamespace::text, defaclobjtype, defaclacl::text from pg_default_acl order by 1, 2`,
};

async function fingerprint(sql: Sql): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const [key, query] of Object.entries(CATALOG)) out[key] = [...(await sql.unsafe(query))];
  // the rows the migrations insert (postcodes, districts, …), except when the bookkeeping was written
  const tables = await sql<{ name: string }[]>`
    select format('%I.%I', schemaname, tablename) as name from pg_tables
    where schemaname !~ '^(pg_|information_schema)' and tablename not in ('schema_migrations', 'schema_repeatables') order by 1`;
  out.data = [];
  for (const { name } of tables) {
    const [r] = await sql.unsafe(`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as hash from ${name} t`);
    out.data.push({ name, ...r });
  }
  out.bookkeeping = [...(await sql`select name, checksum from schema_migrations order by 1`), ...(await sql`select name, checksum from schema_repeatables order by 1`)];
  return out;
}

describe('migrating an empty database in one transaction', () => {
  const suffix = randomBytes(4).toString('hex');
  const names = { step: `hpb_mig_step_${suffix}`, batch: `hpb_mig_batch_${suffix}` };
  let admin: Sql;
  const dbs: Record<string, Sql> = {};

  beforeAll(async () => {
    admin = createDb(inject('databaseUrl'), { max: 1 });
    for (const [key, name] of Object.entries(names)) {
      await admin.unsafe(`create database ${name}`);
      const url = new URL(inject('databaseUrl'));
      url.pathname = `/${name}`;
      dbs[key] = createDb(url.toString(), { max: 1 });
    }
  });

  afterAll(async () => {
    for (const db of Object.values(dbs)) await db.end();
    for (const name of Object.values(names)) await admin?.unsafe(`drop database if exists ${name}`);
    await admin?.end();
  });

  it('ends in the same schema, grants and data as applying the migrations one by one', async () => {
    const step = await migrate(dbs.step, 'hpb_app', undefined, { batchWhenEmpty: false });
    const batch = await migrate(dbs.batch, 'hpb_app');
    expect(batch).toEqual(step);
    expect(step.applied.length).toBeGreaterThan(20);
    // one transaction wrote all the bookkeeping rows of the batched database, one per file the other
    const writers = async (db: Sql) => (await db`select count(distinct xmin::text)::int as n from schema_migrations`)[0].n as number;
    expect(await writers(dbs.batch)).toBe(1);
    expect(await writers(dbs.step)).toBe(step.applied.length);
    const [a, b] = [await fingerprint(dbs.step), await fingerprint(dbs.batch)];
    for (const key of Object.keys(a)) expect({ [key]: b[key] }).toEqual({ [key]: a[key] });
    expect(a.functions.length).toBeGreaterThan(5);
    expect(a.data.some((t) => (t as { n: number }).n > 1000)).toBe(true);
  });

  it('then migrates step by step: nothing is applied twice', async () => {
    expect(await migrate(dbs.batch, 'hpb_app')).toEqual({ applied: [], functions: [] });
  });
});
