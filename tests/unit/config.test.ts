import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

function issues(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration', () => {
  it('has working defaults for the demo', () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(3000);
    expect(c.DEMO_DATA).toBe(true);
    expect(c.SESSION_SECRET).toHaveLength(64);
    expect(c.mapTileOrigin).toBe('https://tile.openstreetmap.org');
  });

  it('names a variable with a wrong value', () => {
    expect(issues({ PORT: 'eighty' })[0]).toMatch(/^PORT:/);
    expect(issues({ DATABASE_URL: 'mysql://x' })[0]).toMatch(/^DATABASE_URL: must start with postgres/);
    expect(issues({ MAP_TILE_URL: 'https://tiles.example/x.png' })[0]).toMatch(/^MAP_TILE_URL:/);
    expect(issues({ SESSION_IDLE_MINUTES: '0' })[0]).toMatch(/^SESSION_IDLE_MINUTES:/);
  });

  it('refuses a DATABASE_URL with several hosts: the app connects to one address that leads to the primary', () => {
    for (const url of ['postgres://u@db1:5432,db2:5432/hpb?target_session_attrs=read-write', 'postgresql://u@/hpb?host=db1,db2']) {
      expect(issues({ DATABASE_URL: url })[0]).toMatch(/^DATABASE_URL: must name one host/);
    }
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@primary.db.internal:5432/hpb' }).DATABASE_URL).toBe('postgres://u:p@primary.db.internal:5432/hpb');
    expect(loadConfig({}).JOBS_EXPIRE_SECONDS).toBe(60);
    expect(issues({ JOBS_EXPIRE_SECONDS: '1' })[0]).toMatch(/^JOBS_EXPIRE_SECONDS:/);
  });

  it('requires explicit secrets and services in production', () => {
    const list = issues({ NODE_ENV: 'production' });
    expect(list).toEqual(
      expect.arrayContaining([
        'SESSION_SECRET: is required in production',
        'DATABASE_URL: is required in production',
        'PUBLIC_URL: is required in production',
        'SMTP_URL: is required in production',
      ]),
    );
    expect(issues({ NODE_ENV: 'production', SESSION_SECRET: 'short' }).some((i) => i.startsWith('SESSION_SECRET: must be at least 32'))).toBe(true);
  });

  it('turns demo data off for an external database', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/x' }).DEMO_DATA).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/x', DEMO_DATA: 'true' }).DEMO_DATA).toBe(true);
  });

  it("bounds the heap's growth by default; 0 leaves it to V8", () => {
    expect(loadConfig({}).HEAP_GROWING_PERCENT).toBe(50);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '0' }).HEAP_GROWING_PERCENT).toBe(0);
    expect(issues({ HEAP_GROWING_PERCENT: '-5' })[0]).toMatch(/^HEAP_GROWING_PERCENT:/);
  });

  it('checks built answers everywhere but in production, unless told', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).CHECK_BUILT_RESPONSES).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development', CHECK_BUILT_RESPONSES: 'false' }).CHECK_BUILT_RESPONSES).toBe(false);
  });
});
