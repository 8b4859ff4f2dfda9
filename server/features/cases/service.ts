import type { CaseEntry, CaseView } from '../../../shared/schemas/cases';
import { writeAudit, type AuditOrigin } from '../../audit';
import type { AppContext } from '../../context';
import type { UserActor } from '../../http/actor';
import { requestsOfCase } from '../requests/service';
import { searchesOfCase } from '../search/service';

const CLOSING = ['withdrawn', 'released', 'expired', 'confirmed'] as const;

/**
 * Everything the office did for one pseudonymous case reference, in time order: its searches,
 * requests, the providers' answers and messages, and the placement. Every read is audited.
 */
export async function caseView(ctx: AppContext, actor: UserActor, origin: AuditOrigin, caseRef: string): Promise<CaseView> {
  const [searches, requests] = await Promise.all([searchesOfCase(ctx, actor, caseRef), requestsOfCase(ctx, actor, caseRef)]);
  const entry = (e: Partial<CaseEntry> & Pick<CaseEntry, 'at' | 'kind'>): CaseEntry => ({
    subject: null,
    providerName: null,
    byName: null,
    text: null,
    reason: null,
    matchCount: null,
    requestId: null,
    searchId: null,
    ...e,
  });
  const entries: CaseEntry[] = [];
  for (const s of searches) {
    entries.push(entry({ at: s.createdAt, kind: 'search-opened', subject: s.name, byName: s.ownerName, matchCount: s.matchCount, searchId: s.id }));
    if (s.closedAt) entries.push(entry({ at: s.closedAt, kind: 'search-closed', subject: s.name, searchId: s.id }));
  }
  for (const r of requests) {
    const base = { subject: r.unitName, providerName: r.providerName, requestId: r.id };
    entries.push(entry({ ...base, at: r.createdAt, kind: 'request-sent', byName: r.createdByName }));
    for (const m of r.messages ?? []) {
      if (m.kind === 'system') continue;
      entries.push(entry({ ...base, at: m.createdAt, kind: m.kind === 'question' ? 'question' : 'message', byName: m.authorName, text: m.body }));
    }
    if (r.answeredAt && (r.status === 'accepted' || r.status === 'confirmed' || r.status === 'released' || r.status === 'expired')) {
      entries.push(entry({ ...base, at: r.answeredAt, kind: 'accepted' }));
    }
    if (r.status === 'declined') entries.push(entry({ ...base, at: r.answeredAt ?? r.closedAt ?? r.updatedAt, kind: 'declined', reason: r.declineReason, text: r.declineText }));
    const closing = CLOSING.find((c) => c === r.status);
    if (closing && r.closedAt) entries.push(entry({ ...base, at: r.closedAt, kind: closing }));
  }
  entries.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  await writeAudit(ctx.sql, actor, origin, {
    action: 'case.read',
    objectType: 'case',
    details: { caseRef, requests: requests.map((r) => r.id), searches: searches.map((s) => s.id) },
  });
  return { caseRef, searches: searches.length, requests: requests.length, placed: requests.some((r) => r.status === 'confirmed'), entries };
}
