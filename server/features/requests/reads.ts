/** The reads of placement requests (every read audited by its caller or here), and who sees what. */
import { isOfficeRole, isProviderRole } from '../../../shared/roles';
import type { PlacementRequest } from '../../../shared/schemas/requests';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { forbidden, notFound } from '../../http/errors';
import { findRequest, listMessages, listRequests, type Scope } from './queries';

/** Offices see their own requests, providers the requests to their units; nobody else any. */
export function scopeOf(actor: UserActor): Scope & { side: 'office' | 'provider' } {
  if (isOfficeRole(actor.role)) return { officeId: actor.orgId, side: 'office' };
  if (isProviderRole(actor.role)) return { providerId: actor.orgId, side: 'provider' };
  throw forbidden('Only offices and providers take part in placement requests');
}

/** The office's case reference stays with the office. */
export function present(r: PlacementRequest, side: 'office' | 'provider'): PlacementRequest {
  if (side === 'office') return r;
  const { caseRef: _hidden, ...rest } = r;
  return rest;
}

export async function getRequest(ctx: AppContext, origin: AuditOrigin, actor: UserActor, id: string): Promise<PlacementRequest> {
  const scope = scopeOf(actor);
  const r = await findRequest(ctx.sql, id, scope);
  if (!r) throw notFound('Request');
  const messages = await listMessages(ctx.sql, id);
  await writeAudit(ctx.sql, actor, origin, { action: 'request.read', objectType: 'placement_request', objectId: id });
  return { ...present(r, scope.side), messages: messages as never };
}

export async function listMine(ctx: AppContext, origin: AuditOrigin, actor: UserActor, f: { status: 'running' | 'closed' | 'all'; unitId?: string; groupId?: string }) {
  const scope = scopeOf(actor);
  const items = await listRequests(ctx.sql, scope, f);
  if (items.length) {
    await writeAudit(ctx.sql, actor, origin, { action: 'request.list', objectType: 'placement_request', details: { ids: items.map((r) => r.id), filter: f } });
  }
  return items.map((r) => present(r, scope.side));
}

/** Every request of the office for one case reference, with its thread (for the case view; the caller audits). */
export async function requestsOfCase(ctx: AppContext, actor: UserActor, caseRef: string): Promise<PlacementRequest[]> {
  if (scopeOf(actor).side !== 'office') throw forbidden('Only offices have cases');
  const items = await listRequests(ctx.sql, { officeId: actor.orgId }, { status: 'all', caseRef });
  const out: PlacementRequest[] = [];
  for (const r of items) out.push({ ...r, messages: (await listMessages(ctx.sql, r.id)) as never });
  return out;
}
