import type { AddTermBody, ExtensibleTaxonomy, ServiceType, Taxonomies, Term } from '../../../shared/schemas/taxonomies';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { Db } from '../../db';
import type { UserActor } from '../../http/actor';
import { AppError, invalid } from '../../http/errors';
import { insertTerm, selectKnownCodes, selectTaxonomies } from './queries';

export async function getTaxonomies(ctx: AppContext): Promise<Taxonomies> {
  return selectTaxonomies(ctx.sql);
}

/** Adding a code is a data change: the platform admin posts it, every unit may use it at once. */
export async function addTerm(ctx: AppContext, actor: UserActor, origin: AuditOrigin, kind: ExtensibleTaxonomy, body: AddTermBody): Promise<Term | ServiceType> {
  if (kind === 'service-types') {
    if (!body.section) throw invalid('body.section', 'is required for a type of service');
    if (body.marketplace === undefined) throw invalid('body.marketplace', 'is required for a type of service');
  } else {
    if (body.section !== undefined) throw invalid('body.section', 'only types of service have a section');
    if (body.marketplace !== undefined) throw invalid('body.marketplace', 'only types of service are marked for the marketplace');
  }
  if (kind === 'languages' && !/^[a-z]{2,3}$/.test(body.code)) throw invalid('body.code', 'must be an ISO 639 code (2 or 3 lower-case letters)');
  return ctx.sql.begin(async (tx) => {
    const [dup] = await tx`select 1 from (
      select code from service_types where ${kind} = 'service-types'
      union all select code from specialisations where ${kind} = 'specialisations'
      union all select code from exclusions where ${kind} = 'exclusions'
      union all select code from languages where ${kind} = 'languages') c where c.code = ${body.code}`;
    if (dup) throw new AppError('CONFLICT', `The code ${body.code} exists already`, { issues: [{ path: 'body.code', message: 'exists already' }] });
    const term = await insertTerm(tx, kind, body);
    await writeAudit(tx, actor, origin, { action: 'taxonomy.add', objectType: kind, objectId: body.code, details: { nameDe: body.nameDe } });
    return term;
  });
}

export type KnownCodes = Awaited<ReturnType<typeof selectKnownCodes>>;

/** Names the first unknown taxonomy code of each list as `body.<field>.<index>`. */
export async function checkTaxonomyCodes(db: Db, b: Partial<Record<keyof KnownCodes, string[] | undefined>>, prefix = 'body'): Promise<void> {
  const lists = (Object.keys(b) as (keyof KnownCodes)[]).filter((k) => Array.isArray(b[k]) && b[k]!.length > 0);
  if (lists.length === 0) return;
  const known = await selectKnownCodes(db);
  const issues: { path: string; message: string }[] = [];
  for (const k of lists) {
    if (!(k in known)) continue;
    b[k]!.forEach((code, i) => {
      if (!known[k].has(code)) issues.push({ path: `${prefix}.${k}.${i}`, message: `unknown code ${code}` });
    });
  }
  if (issues.length) {
    throw new AppError('VALIDATION_FAILED', issues.map((i) => `${i.path}: ${i.message}`).join('; '), { issues });
  }
}
