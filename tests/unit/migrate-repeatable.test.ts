import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createDb, type Sql } from '../../server/db';
import { migrate, MIGRATIONS_DIR } from '../../server/migrate';

const fn = (answer: number) => `create or replace function answer() returns integer language plpgsql as $$ begin return ${answer}; end $$;\n`;

describe('migrations: numbered forward only, functions repeatable', () => {
  const dbName = `hpb_migrate_${randomBytes(4).toString('hex')}`;
  const dir = mkdtempSync(join(tmpdir(), 'hpb-migrations-'));
  let admin: Sql;
  let sql: Sql;

  beforeAll(async () => {
    admin = createDb(inject('databaseUrl'), { max: 1 });
    await admin.unsafe(`create database ${dbName}`);
    const url = new URL(inject('databaseUrl'));
    url.pathname = `/${dbName}`;
    sql = createDb(url.toString(), { max: 1 });
    mkdirSync(join(dir, 'functions'));
    writeFileSync(join(dir, '0001_things.sql'), 'create table things (id integer primary key);\n');
    writeFileSync(join(dir, 'functions', 'answer.sql'), fn(41));
  });

  afterAll(async () => {
    await sql?.end();
    await admin?.unsafe(`drop database if exists ${dbName}`);
    await admin?.end();
    rmSync(dir, { recursive: true, force: true });
  });

  const answer = async () => (await sql`select answer() as a`)[0].a as number;

  it('applies the numbered migrations, then the repeatable files, recording each checksum', async () => {
    expect(await migrate(sql, 'hpb_app', dir)).toEqual({ applied: ['0001_things'], functions: ['functions/answer'] });
    expect(await answer()).toBe(41);
    const rows = await sql`select name, checksum from schema_repeatables`;
    expect(rows.map((r) => r.name)).toEqual(['functions/answer']);
    expect(rows[0].checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not apply an unchanged repeatable file again', async () => {
    // changed behind migrate's back: an unchanged file must leave it so
    await sql.unsafe(fn(7));
    expect(await migrate(sql, 'hpb_app', dir)).toEqual({ applied: [], functions: [] });
    expect(await answer()).toBe(7);
  });

  it('applies a changed repeatable file again', async () => {
    writeFileSync(join(dir, 'functions', 'answer.sql'), fn(42));
    expect(await migrate(sql, 'hpb_app', dir)).toEqual({ applied: [], functions: ['functions/answer'] });
    expect(await answer()).toBe(42);
    expect(await migrate(sql, 'hpb_app', dir)).toEqual({ applied: [], functions: [] });
  });

  it('still refuses a numbered migration edited after it was applied', async () => {
    writeFileSync(join(dir, '0001_things.sql'), 'create table things (id bigint primary key);\n');
    await expect(migrate(sql, 'hpb_app', dir)).rejects.toThrow('Migration 0001_things.sql was changed after it was applied; add a new migration instead.');
  });

  it("the project's repeatable files are applied and recorded on the test database", async () => {
    const files = readdirSync(join(MIGRATIONS_DIR, 'functions')).filter((f) => f.endsWith('.sql'));
    expect(files.length).toBeGreaterThan(0);
    const rows = await admin`select name from schema_repeatables`;
    expect(rows.map((r) => r.name as string).sort()).toEqual(files.map((f) => `functions/${f.replace(/\.sql$/, '')}`).sort());
  });
});
