import type { ResolvedReference, SearchCriteria } from '../../../shared/schemas/search';
import type { Config } from '../../config';
import type { Db } from '../../db';
import { AppError } from '../../http/errors';
import type { FieldIssue } from '../../../shared/errors';
import { resolveReference } from './reference';

/** Criteria with the reference point resolved and the freshness limits fixed: what the SQL needs. */
export interface ResolvedCriteria extends SearchCriteria {
  point: ResolvedReference | null;
  /** Units confirmed longer ago than this leave the results (unless includeStale). */
  staleAfterSecs: number;
  unconfirmedAfterSecs: number;
}

/** The configured freshness limits (FRESHNESS_* in server/config.ts) in seconds. */
export function freshnessSecs(config: Pick<Config, 'FRESHNESS_UNCONFIRMED_HOURS' | 'FRESHNESS_HIDDEN_HOURS'>) {
  // results are units with free places (or places planned by a date): their periods apply
  return { unconfirmedAfterSecs: config.FRESHNESS_UNCONFIRMED_HOURS * 3600, staleAfterSecs: config.FRESHNESS_HIDDEN_HOURS * 3600 };
}

interface Codes {
  serviceTypes: Set<string>;
  specialisations: Set<string>;
  exclusions: Set<string>;
  languages: Set<string>;
  at: number;
}

const CODES_TTL_MS = 60_000;
const codeCache = new WeakMap<object, Codes>();

/** Taxonomy codes, cached per database client for a minute and reloaded on a miss (codes are data). */
async function loadCodes(db: Db, fresh: boolean): Promise<Codes> {
  const cached = codeCache.get(db);
  if (cached && !fresh && Date.now() - cached.at < CODES_TTL_MS) return cached;
  const rows = await db<{ kind: string; code: string }[]>`
    select 'serviceTypes' as kind, code from service_types
    union all select 'specialisations', code from specialisations
    union all select 'exclusions', code from exclusions
    union all select 'languages', code from languages`;
  const codes: Codes = { serviceTypes: new Set(), specialisations: new Set(), exclusions: new Set(), languages: new Set(), at: Date.now() };
  for (const r of rows) codes[r.kind as 'serviceTypes'].add(r.code);
  codeCache.set(db, codes);
  return codes;
}

function unknownCodes(c: SearchCriteria, codes: Codes, path: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (c.serviceType !== undefined && !codes.serviceTypes.has(c.serviceType)) {
    issues.push({ path: `${path}.serviceType`, message: `unknown type of service ${c.serviceType}`, code: 'unknown_code', params: { value: c.serviceType } });
  }
  const lists: [string, string[], Set<string>, string][] = [
    ['needs', c.needs, codes.specialisations, 'specialisation'],
    ['conditions', c.conditions, codes.exclusions, 'exclusion'],
    ['preferences.languages', c.preferences.languages, codes.languages, 'language'],
    ['preferences.specialisations', c.preferences.specialisations, codes.specialisations, 'specialisation'],
  ];
  for (const [field, list, known, what] of lists) {
    list.forEach((code, i) => {
      if (!known.has(code)) issues.push({ path: `${path}.${field}.${i}`, message: `unknown ${what} ${code}`, code: 'unknown_code', params: { value: code } });
    });
  }
  return issues;
}

/** Checks the taxonomy codes (400 naming each unknown one) and resolves the reference point. */
export async function resolveCriteria(db: Db, config: Config, c: SearchCriteria, path: string): Promise<ResolvedCriteria> {
  let issues = unknownCodes(c, await loadCodes(db, false), path);
  if (issues.length) issues = unknownCodes(c, await loadCodes(db, true), path);
  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
  const point = c.reference ? await resolveReference(db, c.reference, `${path}.reference`) : null;
  return { ...c, point, ...freshnessSecs(config) };
}
