import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ConfigSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    PUBLIC_URL: z.url().optional(),
    // further origins browsers may write from or connect sockets from (comma-separated), besides PUBLIC_URL
    ALLOWED_ORIGINS: z
      .string()
      .transform((s) => s.split(',').map((o) => o.trim()).filter(Boolean))
      .pipe(z.array(z.url()))
      .optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
      // several hosts: postgres.js ignores target_session_attrs=read-write (porsager/postgres#815)
      // and pg-boss cannot parse them; one address that always leads to the primary (README)
      .refine((u) => !/^postgres(ql)?:\/\/[^/?#]*,/.test(u) && !/[?&]host=[^&]*,/.test(u), {
        message: 'must name one host: an address that always leads to the primary (several hosts are not supported; see README, High availability)',
      })
      .optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    // every wait on the database is bounded (see README, Operations)
    DATABASE_CONNECT_TIMEOUT_SECONDS: z.coerce.number().min(0.5).max(60).default(3),
    DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
    DATABASE_LOCK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
    DATABASE_IDLE_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
    // how far V8 lets the heap grow past what a full collection left alive (percent; 0: V8's own
    // heuristic, which after a bulk kept about three times the live heap as resident memory)
    HEAP_GROWING_PERCENT: z.coerce.number().int().min(0).max(400).default(50),
    // answers of routes marked `responseBuilt` are checked against their schema (default: everywhere but production)
    CHECK_BUILT_RESPONSES: bool.optional(),
    // an answer is given by then at the latest (504); during a database outage after 4 s (503)
    RESPONSE_TIMEOUT_SECONDS: z.coerce.number().min(1).max(600).default(20),
    APP_DB_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$/, 'must be a lower-case SQL identifier')
      .default('hpb_app'),
    EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
    SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(72).default(12),
    // how often open sockets are checked against their session's timeouts
    SOCKET_SESSION_CHECK_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    LOGIN_RATE_PER_IP: z.coerce.number().int().min(1).max(10000).default(30),
    TRUST_PROXY: bool.default(false),
    // a client that sends its headers or its body too slowly (or declares more than it sends) is
    // cut off: the socket does not stay open forever
    HTTP_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(10_000),
    HTTP_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(500).max(600_000).default(30_000),
    BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/, 'must look like 100kb or 1mb')
      .default('200kb'),
    MAP_TILE_URL: z
      .string()
      .regex(/^https?:\/\/[^/]+\/.*\{z\}.*\{x\}.*\{y\}/, 'must be an http(s) URL template with {z}, {x} and {y}')
      .default('https://tile.openstreetmap.org/{z}/{x}/{y}.png'),
    MAP_TILE_ATTRIBUTION: z.string().default('© OpenStreetMap contributors'),
    SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
      .optional(),
    MAIL_FROM: z.string().min(3).default('Heimplatzbörse <noreply@heimplatzboerse.local>'),
    DEMO_DATA: bool.optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    JOBS_ENABLED: bool.default(true),
    // how often each node asks each queue for jobs, and how many it takes at once
    JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(0.5),
    JOBS_BATCH_SIZE: z.coerce.number().int().min(1).max(100).default(10),
    // a job active longer than this is retried (a job running when the primary was lost comes back
    // this way; jobs that take longer declare their own expiry); pg-boss checks every JOBS_MAINTENANCE_SECONDS
    JOBS_EXPIRE_SECONDS: z.coerce.number().int().min(2).max(3600).default(60),
    JOBS_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    // e-mails of navigator lists per client address and hour (the route is public)
    NAVIGATOR_MAIL_PER_HOUR: z.coerce.number().int().min(1).max(10_000).default(10),
    // free texts read by the navigator per client address and minute (the route is public)
    NAVIGATOR_INTERPRET_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(60),
    HOLD_HOURS_REGULAR: z.coerce.number().min(0.0001).max(168).default(24),
    HOLD_HOURS_EMERGENCY: z.coerce.number().min(0.0001).max(48).default(2),
    EMERGENCY_ESCALATION_MINUTES: z.coerce.number().min(0.01).max(240).default(15),
    // the on-call list: units within this distance first ("weiter entfernte zeigen" goes to 300 km),
    // and how many of the nearest are chosen for the request before the worker taps anything
    EMERGENCY_MAX_KM: z.coerce.number().min(1).max(300).default(100),
    EMERGENCY_PRESELECT: z.coerce.number().int().min(0).max(10).default(3),
    // Web Push to locked phones: off unless both keys are set (npx web-push generate-vapid-keys)
    VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{80,100}$/, 'must be a URL-safe base64 P-256 public key').optional(),
    VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{40,50}$/, 'must be a URL-safe base64 P-256 private key').optional(),
    VAPID_SUBJECT: z.string().regex(/^(mailto:|https:\/\/)/, 'must start with mailto: or https://').default('mailto:betrieb@heimplatzboerse.local'),
    REQUEST_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    // freshness of availability, in hours since the last confirmation, for units with free places
    // (remind the provider, mark "unbestätigt", leave default search results) and, longer, for full units
    FRESHNESS_REMIND_HOURS: z.coerce.number().positive().max(8760).default(48),
    FRESHNESS_UNCONFIRMED_HOURS: z.coerce.number().positive().max(8760).default(72),
    FRESHNESS_HIDDEN_HOURS: z.coerce.number().positive().max(17_520).default(168),
    FRESHNESS_FULL_REMIND_HOURS: z.coerce.number().positive().max(8760).default(168),
    FRESHNESS_FULL_UNCONFIRMED_HOURS: z.coerce.number().positive().max(8760).default(336),
    FRESHNESS_FULL_HIDDEN_HOURS: z.coerce.number().positive().max(17_520).default(720),
    // a reminder to the provider's staff still unanswered after this: the provider admin is reminded
    FRESHNESS_ESCALATE_HOURS: z.coerce.number().positive().max(720).default(24),
    // open searches close by themselves after this many hours; owners who are not connected get
    // new matches by e-mail at most once per SEARCH_DIGEST_MINUTES
    SEARCH_OPEN_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(72),
    SEARCH_DIGEST_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(60),
    // monitoring: the region around an office (and a provider's facilities) is this many km;
    // anonymous search records and hourly supply snapshots are deleted after their retention
    MONITORING_RADIUS_KM: z.coerce.number().int().min(1).max(1000).default(50),
    SEARCH_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
    SUPPLY_SNAPSHOT_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
    // largest district boundary file (GeoJSON) the platform admin may upload, in MB
    DISTRICT_BOUNDARIES_MAX_MB: z.coerce.number().int().min(1).max(200).default(20),
    // the units' confirmation history (who confirmed when) is kept this long; each unit keeps its latest
    CONFIRMATION_HISTORY_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
    // reminder links ("Stimmt noch") per client address and 15 minutes (the route needs no login)
    CONFIRM_LINK_RATE_PER_IP: z.coerce.number().int().min(1).max(10_000).default(30),
    REGION_BBOX: z
      .string()
      .regex(/^-?\d+(\.\d+)?(,-?\d+(\.\d+)?){3}$/, 'must be minLat,minLon,maxLat,maxLon')
      .optional(),
  })
  .superRefine((c, ctx) => {
    for (const [kind, prefix] of [['', 'FRESHNESS_'], ['full ', 'FRESHNESS_FULL_']] as const) {
      const [remind, unconfirmed, hidden] = (['REMIND', 'UNCONFIRMED', 'HIDDEN'] as const).map((k) => c[`${prefix}${k}_HOURS` as keyof typeof c] as number);
      if (unconfirmed < remind) ctx.addIssue({ code: 'custom', path: [`${prefix}UNCONFIRMED_HOURS`], message: `must not be less than ${prefix}REMIND_HOURS (${kind}units)` });
      if (hidden <= unconfirmed) ctx.addIssue({ code: 'custom', path: [`${prefix}HIDDEN_HOURS`], message: `must be greater than ${prefix}UNCONFIRMED_HOURS (${kind}units)` });
    }
    if (!c.VAPID_PUBLIC_KEY !== !c.VAPID_PRIVATE_KEY) {
      ctx.addIssue({ code: 'custom', path: [c.VAPID_PUBLIC_KEY ? 'VAPID_PRIVATE_KEY' : 'VAPID_PUBLIC_KEY'], message: 'is required when the other VAPID key is set' });
    }
    if (c.NODE_ENV === 'production') {
      if (!c.SESSION_SECRET) ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
      if (!c.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'is required in production' });
      if (!c.PUBLIC_URL) ctx.addIssue({ code: 'custom', path: ['PUBLIC_URL'], message: 'is required in production' });
      if (!c.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'is required in production' });
    }
  });

export type Config = Omit<z.output<typeof ConfigSchema>, 'SESSION_SECRET' | 'DEMO_DATA' | 'CHECK_BUILT_RESPONSES'> & {
  CHECK_BUILT_RESPONSES: boolean;
  SESSION_SECRET: string;
  DEMO_DATA: boolean;
  /** Hostname of the map tiles, the only external host the CSP allows for images. */
  mapTileOrigin: string;
  secure: boolean;
};

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses and validates the environment. Throws a ConfigError naming every wrong variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const relevant = Object.fromEntries(
    Object.keys(ConfigSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]),
  );
  const parsed = ConfigSchema.safeParse(relevant);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const c = parsed.data;
  const tileUrl = new URL(c.MAP_TILE_URL.replace(/\{[a-z]\}/g, '0'));
  return {
    ...c,
    SESSION_SECRET: c.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    DEMO_DATA: c.DEMO_DATA ?? (!c.DATABASE_URL && c.NODE_ENV !== 'test'),
    CHECK_BUILT_RESPONSES: c.CHECK_BUILT_RESPONSES ?? c.NODE_ENV !== 'production',
    mapTileOrigin: tileUrl.origin,
    secure: c.NODE_ENV === 'production',
  };
}
